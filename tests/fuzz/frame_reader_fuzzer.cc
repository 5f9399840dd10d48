// ipc::FrameReader fed what a hostile peer can make recvmsg return: any byte
// stream, cut at any points, with fds attached to any cut. Checked against a
// reference reading of the same stream: every frame the reader returns must
// be the next frame of the stream, byte for byte; after an error it stays
// failed; no fd it was given is left open once it is gone.
#include <fcntl.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cstdint>
#include <cstring>
#include <fuzzer/FuzzedDataProvider.h>
#include <vector>

#include "ipc/frame_reader.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

using sandtab::UniqueFd;
using sandtab::ipc::FrameReader;

using sandtab::fuzz::Check;

// Bounds the fds one input may create, so a run never nears the fd limit.
constexpr int kMaxFdsPerInput = 64;
// What the Channel asks for per recvmsg is 64 KiB; any smaller ask must work too.
constexpr size_t kMaxReadAsk = 64 * 1024;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider input(data, size);
  std::vector<uint8_t> stream;  // everything committed, in order
  size_t reference_offset = 0;  // where the reference reader is in `stream`
  std::vector<int> created_fds;
  {
    FrameReader reader;
    bool failed = false;
    while (input.remaining_bytes() > 0) {
      const size_t ask = input.ConsumeIntegralInRange<size_t>(1, kMaxReadAsk);
      const size_t chunk = input.ConsumeIntegralInRange<size_t>(0, 4096);
      const int fd_count = input.ConsumeIntegralInRange<int>(0, 3);
      std::vector<uint8_t> bytes = input.ConsumeBytes<uint8_t>(chunk);

      std::span<uint8_t> space = reader.WritableSpace(ask);
      Check(space.size() >= ask, "WritableSpace smaller than asked");
      const size_t n = std::min(space.size(), bytes.size());
      if (n > 0) std::memcpy(space.data(), bytes.data(), n);
      stream.insert(stream.end(), bytes.begin(), bytes.begin() + static_cast<ptrdiff_t>(n));

      std::vector<UniqueFd> fds;
      for (int i = 0; i < fd_count && static_cast<int>(created_fds.size()) < kMaxFdsPerInput; ++i) {
        int fd = ::eventfd(0, EFD_CLOEXEC);
        Check(fd >= 0, "eventfd failed");
        created_fds.push_back(fd);
        fds.emplace_back(fd);
      }
      reader.Commit(n, std::move(fds));

      for (;;) {
        FrameReader::Frame frame;
        FrameReader::Status status = reader.Next(&frame);
        if (status == FrameReader::Status::kNeedMore) {
          Check(!failed, "kNeedMore after an error");
          break;
        }
        if (status == FrameReader::Status::kError) {
          Check(!reader.error().empty(), "kError without an error text");
          failed = true;
          break;
        }
        Check(!failed, "a frame after an error");
        // The reference: the next frame of the stream, read the obvious way,
        // on purpose not through ipc/frame.h, so a codec bug is not mirrored.
        Check(stream.size() - reference_offset >= 4, "a frame before its header arrived");
        const uint8_t* header = stream.data() + reference_offset;
        const uint32_t length =
            uint32_t{header[0]} | uint32_t{header[1]} << 8 | uint32_t{header[2]} << 16 | uint32_t{header[3]} << 24;
        Check(length >= 1 && length <= sandtab::ipc::kMaxFrameBytes, "a frame of a length out of bounds");
        Check(frame.body.size() == length, "a frame body of the wrong length");
        Check(stream.size() - reference_offset - 4 >= length, "a frame before all its bytes arrived");
        Check(std::memcmp(frame.body.data(), header + 4, length) == 0, "a frame body that is not the stream's");
        reference_offset += 4 + length;
        Check(frame.fds.size() <= created_fds.size(), "more fds than were given");
        for (const UniqueFd& fd : frame.fds) Check(fd.get() >= 0, "an invalid fd in a frame");
      }
    }
    if (!failed) {
      Check(reader.HasPartialFrame() == (stream.size() > reference_offset),
            "HasPartialFrame disagrees with the bytes left");
    }
  }
  // The reader and every frame are gone: every fd it was given must be closed.
  for (int fd : created_fds) Check(::fcntl(fd, F_GETFD) == -1, "an fd left open");
  return 0;
}
