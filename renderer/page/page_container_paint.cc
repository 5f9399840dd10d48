// PageContainer: backgrounds, borders, list markers and clipping, in Cairo.
#include <algorithm>
#include <cmath>

#include "renderer/page/page_container.h"

namespace sandtab::renderer {
namespace {

constexpr double kKappa = 0.5522847498;  // Bezier approximation of a quarter ellipse

void SetColor(cairo_t* cr, const litehtml::web_color& c, double shade = 1.0) {
  cairo_set_source_rgba(cr, std::min(1.0, c.red * shade / 255.0), std::min(1.0, c.green * shade / 255.0),
                        std::min(1.0, c.blue * shade / 255.0), c.alpha / 255.0);
}

// A rectangle with elliptical corners (each corner's x and y radius).
void RoundedRectPath(cairo_t* cr, double x, double y, double w, double h, const litehtml::border_radiuses& r) {
  auto clamp = [](double v, double limit) { return std::max(0.0, std::min(v, limit)); };
  const double tlx = clamp(r.top_left_x, w / 2), tly = clamp(r.top_left_y, h / 2);
  const double trx = clamp(r.top_right_x, w / 2), try_ = clamp(r.top_right_y, h / 2);
  const double brx = clamp(r.bottom_right_x, w / 2), bry = clamp(r.bottom_right_y, h / 2);
  const double blx = clamp(r.bottom_left_x, w / 2), bly = clamp(r.bottom_left_y, h / 2);
  cairo_new_sub_path(cr);
  cairo_move_to(cr, x + tlx, y);
  cairo_line_to(cr, x + w - trx, y);
  cairo_curve_to(cr, x + w - trx * (1 - kKappa), y, x + w, y + try_ * (1 - kKappa), x + w, y + try_);
  cairo_line_to(cr, x + w, y + h - bry);
  cairo_curve_to(cr, x + w, y + h - bry * (1 - kKappa), x + w - brx * (1 - kKappa), y + h, x + w - brx, y + h);
  cairo_line_to(cr, x + blx, y + h);
  cairo_curve_to(cr, x + blx * (1 - kKappa), y + h, x, y + h - bly * (1 - kKappa), x, y + h - bly);
  cairo_line_to(cr, x, y + tly);
  cairo_curve_to(cr, x, y + tly * (1 - kKappa), x + tlx * (1 - kKappa), y, x + tlx, y);
  cairo_close_path(cr);
}

void BoxPath(cairo_t* cr, const litehtml::position& p, const litehtml::border_radiuses& r) {
  RoundedRectPath(cr, p.x, p.y, p.width, p.height, r);
}

PaintRect ToPaintRect(const litehtml::position& p) { return {p.x, p.y, p.width, p.height}; }

bool HasRadius(const litehtml::border_radiuses& r) {
  return r.top_left_x || r.top_left_y || r.top_right_x || r.top_right_y || r.bottom_right_x || r.bottom_right_y ||
         r.bottom_left_x || r.bottom_left_y;
}

struct Point {
  double x, y;
};
Point Lerp(Point a, Point b, double t) { return {a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t}; }

// One side of a border box as the quadrilateral between the outer and inner
// edges, restricted to the band [from, to] of its width (double borders use
// two bands). Corners are mitred, as in CSS.
void FillSideBand(cairo_t* cr, Point outer_a, Point outer_b, Point inner_b, Point inner_a, double from, double to) {
  const Point p1 = Lerp(outer_a, inner_a, from), p2 = Lerp(outer_b, inner_b, from);
  const Point p3 = Lerp(outer_b, inner_b, to), p4 = Lerp(outer_a, inner_a, to);
  cairo_move_to(cr, p1.x, p1.y);
  cairo_line_to(cr, p2.x, p2.y);
  cairo_line_to(cr, p3.x, p3.y);
  cairo_line_to(cr, p4.x, p4.y);
  cairo_close_path(cr);
  cairo_fill(cr);
}

enum class Side { kTop, kRight, kBottom, kLeft };

void DrawSide(cairo_t* cr, Side side, const litehtml::border& b, Point outer_a, Point outer_b, Point inner_b,
              Point inner_a) {
  if (b.width <= 0 || b.style == litehtml::border_style_none || b.style == litehtml::border_style_hidden ||
      b.color.alpha == 0) {
    return;
  }
  const bool top_left = side == Side::kTop || side == Side::kLeft;
  switch (b.style) {
    case litehtml::border_style_dotted:
    case litehtml::border_style_dashed: {
      // Stroke along the middle of the band.
      const Point a = Lerp(outer_a, inner_a, 0.5), c = Lerp(outer_b, inner_b, 0.5);
      const double w = b.width;
      SetColor(cr, b.color);
      cairo_set_line_width(cr, w);
      if (b.style == litehtml::border_style_dotted) {
        const double dots[] = {0, 2 * w};
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
        cairo_set_dash(cr, dots, 2, -w / 2);
      } else {
        const double dashes[] = {3 * w, 3 * w};
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
        cairo_set_dash(cr, dashes, 2, 0);
      }
      cairo_move_to(cr, a.x, a.y);
      cairo_line_to(cr, c.x, c.y);
      cairo_stroke(cr);
      cairo_set_dash(cr, nullptr, 0, 0);
      return;
    }
    case litehtml::border_style_double:
      SetColor(cr, b.color);
      FillSideBand(cr, outer_a, outer_b, inner_b, inner_a, 0, 1.0 / 3);
      FillSideBand(cr, outer_a, outer_b, inner_b, inner_a, 2.0 / 3, 1);
      return;
    case litehtml::border_style_groove:
    case litehtml::border_style_ridge: {
      const bool groove = b.style == litehtml::border_style_groove;
      SetColor(cr, b.color, (groove == top_left) ? 0.6 : 1.3);
      FillSideBand(cr, outer_a, outer_b, inner_b, inner_a, 0, 0.5);
      SetColor(cr, b.color, (groove == top_left) ? 1.3 : 0.6);
      FillSideBand(cr, outer_a, outer_b, inner_b, inner_a, 0.5, 1);
      return;
    }
    case litehtml::border_style_inset:
      SetColor(cr, b.color, top_left ? 0.6 : 1.3);
      break;
    case litehtml::border_style_outset:
      SetColor(cr, b.color, top_left ? 1.3 : 0.6);
      break;
    default:
      SetColor(cr, b.color);
      break;
  }
  FillSideBand(cr, outer_a, outer_b, inner_b, inner_a, 0, 1);
}

}  // namespace

void PageContainer::draw_background(litehtml::uint_ptr hdc, const litehtml::background_paint& bg) {
  if (analysis_) return AnalyzeBackground(bg);
  auto* cr = reinterpret_cast<cairo_t*>(hdc);
  cairo_save(cr);
  // The root element's background paints the whole canvas (CSS 2 14.2).
  const litehtml::position& area = bg.is_root ? viewport_ : bg.clip_box;
  if (bg.is_root) {
    cairo_rectangle(cr, area.x, area.y, area.width, area.height);
  } else {
    BoxPath(cr, area, bg.border_radius);
  }
  cairo_clip(cr);
  if (bg.color.alpha > 0) {
    SetColor(cr, bg.color);
    cairo_paint(cr);
  }
  if (!bg.image.empty()) {
    if (cairo_surface_t* image = store_->FindImage(AbsoluteUrl(bg.image, bg.baseurl))) {
      DrawImage(cr, image, bg);
    }
  }
  cairo_restore(cr);
}

// What draw_background() would paint: the same area, colour and image.
void PageContainer::AnalyzeBackground(const litehtml::background_paint& bg) {
  const litehtml::position& area = bg.is_root ? viewport_ : bg.clip_box;
  const bool rounded = !bg.is_root && HasRadius(bg.border_radius);
  if (bg.color.alpha > 0) {
    if (rounded) {
      analysis_->Ink(ToPaintRect(area));
    } else {
      analysis_->Fill(ToPaintRect(area), {bg.color.red, bg.color.green, bg.color.blue, bg.color.alpha});
    }
  }
  if (!bg.image.empty() && store_->FindImage(AbsoluteUrl(bg.image, bg.baseurl))) analysis_->Ink(ToPaintRect(area));
}

// Paints `image` scaled to bg.image_size at (position_x, position_y),
// repeated as bg.repeat says, inside the clip already set.
void PageContainer::DrawImage(cairo_t* cr, cairo_surface_t* image, const litehtml::background_paint& bg) {
  const int w = bg.image_size.width, h = bg.image_size.height;
  if (w <= 0 || h <= 0) return;
  cairo_pattern_t* pattern = cairo_pattern_create_for_surface(image);
  cairo_matrix_t matrix;
  cairo_matrix_init_scale(&matrix, cairo_image_surface_get_width(image) / double(w),
                          cairo_image_surface_get_height(image) / double(h));
  cairo_matrix_translate(&matrix, -bg.position_x, -bg.position_y);
  cairo_pattern_set_matrix(pattern, &matrix);
  const litehtml::position& clip = bg.clip_box;
  switch (bg.repeat) {
    case litehtml::background_repeat_repeat:
      cairo_pattern_set_extend(pattern, CAIRO_EXTEND_REPEAT);
      cairo_rectangle(cr, clip.x, clip.y, clip.width, clip.height);
      break;
    case litehtml::background_repeat_repeat_x:
      cairo_pattern_set_extend(pattern, CAIRO_EXTEND_REPEAT);
      cairo_rectangle(cr, clip.x, bg.position_y, clip.width, h);
      break;
    case litehtml::background_repeat_repeat_y:
      cairo_pattern_set_extend(pattern, CAIRO_EXTEND_REPEAT);
      cairo_rectangle(cr, bg.position_x, clip.y, w, clip.height);
      break;
    case litehtml::background_repeat_no_repeat:
      // PAD: scaled-up edges sample the image itself, not transparent black.
      cairo_pattern_set_extend(pattern, CAIRO_EXTEND_PAD);
      cairo_rectangle(cr, bg.position_x, bg.position_y, w, h);
      break;
  }
  cairo_set_source(cr, pattern);
  cairo_fill(cr);
  cairo_pattern_destroy(pattern);
}

void PageContainer::draw_borders(litehtml::uint_ptr hdc, const litehtml::borders& borders,
                                 const litehtml::position& draw_pos, bool /*root*/) {
  auto* cr = reinterpret_cast<cairo_t*>(hdc);
  if (!borders.is_visible()) return;
  if (analysis_) return analysis_->Ink(ToPaintRect(draw_pos));  // every style stays inside the border box
  cairo_save(cr);
  const double x = draw_pos.x, y = draw_pos.y;
  const double r = draw_pos.right(), b = draw_pos.bottom();
  if (HasRadius(borders.radius) && borders.top.style != litehtml::border_style_none) {
    // Rounded boxes: the ring between the outer and inner rounded edges, in
    // the top border's colour (per-side colours on curves are not worth it).
    litehtml::border_radiuses inner = borders.radius;
    litehtml::margins widths;
    widths.left = borders.left.width;
    widths.right = borders.right.width;
    widths.top = borders.top.width;
    widths.bottom = borders.bottom.width;
    inner -= widths;
    BoxPath(cr, draw_pos, borders.radius);
    RoundedRectPath(cr, x + widths.left, y + widths.top, r - x - widths.width(), b - y - widths.height(), inner);
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    SetColor(cr, borders.top.color);
    cairo_fill(cr);
    cairo_restore(cr);
    return;
  }
  const Point otl{x, y}, otr{r, y}, obr{r, b}, obl{x, b};
  const Point itl{x + borders.left.width, y + borders.top.width};
  const Point itr{r - borders.right.width, y + borders.top.width};
  const Point ibr{r - borders.right.width, b - borders.bottom.width};
  const Point ibl{x + borders.left.width, b - borders.bottom.width};
  DrawSide(cr, Side::kTop, borders.top, otl, otr, itr, itl);
  DrawSide(cr, Side::kRight, borders.right, otr, obr, ibr, itr);
  DrawSide(cr, Side::kBottom, borders.bottom, obr, obl, ibl, ibr);
  DrawSide(cr, Side::kLeft, borders.left, obl, otl, itl, ibl);
  cairo_restore(cr);
}

void PageContainer::draw_list_marker(litehtml::uint_ptr hdc, const litehtml::list_marker& marker) {
  if (analysis_) return analysis_->Ink(ToPaintRect(marker.pos));
  auto* cr = reinterpret_cast<cairo_t*>(hdc);
  const litehtml::position& p = marker.pos;
  if (!marker.image.empty()) {
    if (cairo_surface_t* image = store_->FindImage(AbsoluteUrl(marker.image, marker.baseurl ? marker.baseurl : ""))) {
      cairo_save(cr);
      cairo_rectangle(cr, p.x, p.y, p.width, p.height);
      cairo_clip(cr);
      cairo_translate(cr, p.x, p.y);
      cairo_set_source_surface(cr, image, 0, 0);
      cairo_paint(cr);
      cairo_restore(cr);
      return;
    }
  }
  cairo_save(cr);
  SetColor(cr, marker.color);
  switch (marker.marker_type) {
    case litehtml::list_style_type_circle:
      cairo_set_line_width(cr, 1);
      cairo_arc(cr, p.x + p.width / 2.0, p.y + p.height / 2.0, std::max(0.5, std::min(p.width, p.height) / 2.0 - 0.5),
                0, 2 * M_PI);
      cairo_stroke(cr);
      break;
    case litehtml::list_style_type_square:
      cairo_rectangle(cr, p.x, p.y, p.width, p.height);
      cairo_fill(cr);
      break;
    case litehtml::list_style_type_disc:
    default:  // litehtml draws numbered markers as text itself
      cairo_arc(cr, p.x + p.width / 2.0, p.y + p.height / 2.0, std::min(p.width, p.height) / 2.0, 0, 2 * M_PI);
      cairo_fill(cr);
      break;
  }
  cairo_restore(cr);
}

litehtml::position PageContainer::ClipRect(const litehtml::position& pos, bool valid_x, bool valid_y) const {
  litehtml::position clip = pos;
  if (!valid_x) {
    clip.x = viewport_.x - 1;
    clip.width = viewport_.width + 2;
  }
  if (!valid_y) {
    clip.y = viewport_.y - 1;
    clip.height = viewport_.height + 2;
  }
  return clip;
}

void PageContainer::set_clip(const litehtml::position& pos, const litehtml::border_radiuses& radius, bool valid_x,
                             bool valid_y) {
  // Clipping happens only while painting (or analysing); litehtml calls this
  // with the current hdc implicit, so the cairo_t is the one BeginPaint() saw.
  if (analysis_) {
    analysis_->PushClip(ToPaintRect(ClipRect(pos, valid_x, valid_y)), HasRadius(radius));
    ++clip_depth_;
    return;
  }
  if (!paint_cr_) return;
  cairo_save(paint_cr_);
  BoxPath(paint_cr_, ClipRect(pos, valid_x, valid_y), radius);
  cairo_clip(paint_cr_);
  ++clip_depth_;
}

void PageContainer::del_clip() {
  if (clip_depth_ == 0) return;
  if (analysis_) {
    analysis_->PopClip();
  } else if (paint_cr_) {
    cairo_restore(paint_cr_);
  } else {
    return;
  }
  --clip_depth_;
}

void PageContainer::BeginPaint(cairo_t* cr, const litehtml::position& viewport) {
  paint_cr_ = cr;
  viewport_ = viewport;
  clip_depth_ = 0;
}

void PageContainer::BeginAnalysis(SolidColorBands* bands, const litehtml::position& viewport) {
  analysis_ = bands;
  viewport_ = viewport;
  clip_depth_ = 0;
}

void PageContainer::EndAnalysis() {
  analysis_ = nullptr;
  clip_depth_ = 0;  // the bands' own clip stack is reset with the next frame
}

void PageContainer::EndPaint(cairo_t* cr) {
  // A hostile document could leave clips unbalanced; never leak them.
  while (clip_depth_ > 0) {
    cairo_restore(cr);
    --clip_depth_;
  }
  paint_cr_ = nullptr;
}

}  // namespace sandtab::renderer
