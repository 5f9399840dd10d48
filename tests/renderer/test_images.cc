#include "tests/renderer/test_images.h"

#include <jpeglib.h>

#include <cstdio>
#include <cstdlib>
#include <vector>

namespace sandtab::renderer::testing {
namespace {

cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

cairo_surface_t* SolidSurface(int width, int height, uint32_t rgb) {
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width, height);
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0);
  cairo_paint(cr);
  cairo_destroy(cr);
  return surface;
}

}  // namespace

std::string EncodePng(cairo_surface_t* surface) {
  std::string out;
  cairo_surface_write_to_png_stream(surface, AppendToString, &out);
  return out;
}

std::string EncodeJpeg(cairo_surface_t* surface, int quality) {
  cairo_surface_flush(surface);
  const int width = cairo_image_surface_get_width(surface);
  const int height = cairo_image_surface_get_height(surface);
  const int stride = cairo_image_surface_get_stride(surface);
  unsigned char* data = cairo_image_surface_get_data(surface);
  jpeg_compress_struct cinfo;
  jpeg_error_mgr errors;
  cinfo.err = jpeg_std_error(&errors);  // test input is well-formed; errors exit
  jpeg_create_compress(&cinfo);
  unsigned char* buffer = nullptr;
  unsigned long size = 0;
  jpeg_mem_dest(&cinfo, &buffer, &size);
  cinfo.image_width = width;
  cinfo.image_height = height;
  cinfo.input_components = 4;
  cinfo.in_color_space = JCS_EXT_BGRX;  // opaque images only
  jpeg_set_defaults(&cinfo);
  jpeg_set_quality(&cinfo, quality, TRUE);
  jpeg_start_compress(&cinfo, TRUE);
  while (cinfo.next_scanline < cinfo.image_height) {
    JSAMPROW row = data + static_cast<size_t>(cinfo.next_scanline) * stride;
    jpeg_write_scanlines(&cinfo, &row, 1);
  }
  jpeg_finish_compress(&cinfo);
  jpeg_destroy_compress(&cinfo);
  std::string out(reinterpret_cast<const char*>(buffer), size);
  std::free(buffer);
  return out;
}

std::string SolidPng(int width, int height, uint32_t rgb) {
  cairo_surface_t* surface = SolidSurface(width, height, rgb);
  std::string out = EncodePng(surface);
  cairo_surface_destroy(surface);
  return out;
}

std::string SolidJpeg(int width, int height, uint32_t rgb) {
  cairo_surface_t* surface = SolidSurface(width, height, rgb);
  std::string out = EncodeJpeg(surface, 95);
  cairo_surface_destroy(surface);
  return out;
}

}  // namespace sandtab::renderer::testing
