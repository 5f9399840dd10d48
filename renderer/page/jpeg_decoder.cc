// DecodeJpeg(): libjpeg(-turbo) from memory. libjpeg reports fatal errors by
// calling error_exit, which must not return: we longjmp out of it. To keep
// that well-defined in C++, the function that calls setjmp holds only plain C
// objects (no destructors are skipped), and the surface is wrapped afterwards.
#include <csetjmp>
#include <cstdio>

#include <jpeglib.h>

#include "renderer/page/image_decoder.h"

namespace sandtab::renderer {
namespace {

// libjpeg's working memory (progressive coefficient buffers) may exceed the
// decoded size; beyond this it errors out instead of growing.
constexpr long kMaxJpegWorkingMemory = 160L * 1024 * 1024;

struct ErrorManager {
  jpeg_error_mgr base;  // first member: libjpeg hands us a pointer to it
  jmp_buf jump;
};

[[noreturn]] void OnFatalError(j_common_ptr cinfo) { longjmp(reinterpret_cast<ErrorManager*>(cinfo->err)->jump, 1); }

// Corrupt-data warnings are normal on the web; keep stderr quiet.
void OnMessage(j_common_ptr, int) {}

// Returns an owned surface or nullptr. Only trivially destructible locals.
cairo_surface_t* DecodeJpegRaw(const unsigned char* bytes, unsigned long size) {
  jpeg_decompress_struct cinfo;
  ErrorManager errors;
  cairo_surface_t* volatile surface = nullptr;
  cinfo.err = jpeg_std_error(&errors.base);
  errors.base.error_exit = OnFatalError;
  errors.base.emit_message = OnMessage;
  if (setjmp(errors.jump)) {
    jpeg_destroy_decompress(&cinfo);
    if (surface) cairo_surface_destroy(surface);
    return nullptr;
  }
  jpeg_create_decompress(&cinfo);
  cinfo.mem->max_memory_to_use = kMaxJpegWorkingMemory;
  jpeg_mem_src(&cinfo, bytes, size);
  if (jpeg_read_header(&cinfo, TRUE) != JPEG_HEADER_OK || !ImageSizeAllowed(cinfo.image_width, cinfo.image_height)) {
    jpeg_destroy_decompress(&cinfo);
    return nullptr;
  }
  // libjpeg-turbo writes cairo's byte order directly and sets alpha to 0xff.
  // CMYK/YCCK files cannot be converted this way and fail here (skipped).
  cinfo.out_color_space = JCS_EXT_BGRA;
  jpeg_start_decompress(&cinfo);
  surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, static_cast<int>(cinfo.output_width),
                                       static_cast<int>(cinfo.output_height));
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
    jpeg_destroy_decompress(&cinfo);
    cairo_surface_destroy(surface);
    return nullptr;
  }
  cairo_surface_flush(surface);
  unsigned char* data = cairo_image_surface_get_data(surface);
  const int stride = cairo_image_surface_get_stride(surface);
  while (cinfo.output_scanline < cinfo.output_height) {
    JSAMPROW row = data + static_cast<size_t>(cinfo.output_scanline) * stride;
    jpeg_read_scanlines(&cinfo, &row, 1);
  }
  jpeg_finish_decompress(&cinfo);
  jpeg_destroy_decompress(&cinfo);
  cairo_surface_mark_dirty(surface);
  return surface;
}

}  // namespace

CairoSurfacePtr DecodeJpeg(std::string_view bytes) {
  if (bytes.empty()) return nullptr;
  return CairoSurfacePtr(
      DecodeJpegRaw(reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<unsigned long>(bytes.size())));
}

}  // namespace sandtab::renderer
