//! Charts at the screen's pixel ratio. plotters draws in whole pixels of the size its backend
//! reports; the canvas backend reports the bitmap's size, so on a screen of ratio 2 a chart
//! would be drawn at half size, or blurred when stretched. [`ScaledCanvas`] reports the
//! chart's size in CSS px while the bitmap has device pixels and the context scales.

use plotters::prelude::DrawingBackend;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind,
};
use plotters_canvas::CanvasBackend;

/// The canvas backend's error type (plotters-canvas does not export its name).
type CanvasError = <CanvasBackend as DrawingBackend>::ErrorType;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// A canvas backend that draws a chart of `size` CSS px on a bitmap of `size` times the
/// pixel ratio.
pub struct ScaledCanvas {
    inner: CanvasBackend,
    size: (u32, u32),
    /// For measuring text: the canvas's own `measureText`, not plotters' default, which
    /// lays the text out in a `<span>` with a style attribute (refused by a strict CSP).
    ctx: CanvasRenderingContext2d,
}

impl ScaledCanvas {
    /// Sizes `canvas`'s bitmap for a chart of `width` x `height` CSS px at `ratio`, and scales
    /// its context so that plotters draws in CSS px.
    pub fn new(
        canvas: HtmlCanvasElement,
        width: u32,
        height: u32,
        ratio: f64,
    ) -> Result<Self, JsValue> {
        let ratio = if ratio.is_finite() && ratio > 0.0 {
            ratio
        } else {
            1.0
        };
        canvas.set_width((f64::from(width) * ratio).round() as u32);
        canvas.set_height((f64::from(height) * ratio).round() as u32);
        let ctx = canvas
            .get_context("2d")?
            .ok_or_else(|| JsValue::from_str("chart: no 2D canvas"))?
            .dyn_into::<CanvasRenderingContext2d>()?;
        ctx.set_transform(ratio, 0.0, 0.0, ratio, 0.0, 0.0)?;
        let inner = CanvasBackend::with_canvas_object(canvas)
            .ok_or_else(|| JsValue::from_str("chart: no 2D canvas"))?;
        Ok(ScaledCanvas {
            inner,
            size: (width, height),
            ctx,
        })
    }
}

impl DrawingBackend for ScaledCanvas {
    type ErrorType = CanvasError;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }
    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.ensure_prepared()
    }
    fn present(&mut self) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.present()
    }
    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.draw_pixel(point, color)
    }
    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.draw_line(from, to, style)
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.draw_path(path, style)
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.draw_circle(center, radius, style, fill)
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.fill_polygon(vert, style)
    }
    fn draw_text<T: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &T,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.draw_text(text, style, pos)
    }
    fn estimate_text_size<T: BackendTextStyle>(
        &self,
        text: &str,
        style: &T,
    ) -> Result<(u32, u32), DrawingErrorKind<CanvasError>> {
        let size = style.size();
        self.ctx.save();
        self.ctx.set_font(&format!(
            "{} {size}px {}",
            style.style().as_str(),
            style.family().as_str()
        ));
        let width = self
            .ctx
            .measure_text(text)
            .map(|m| m.width())
            .unwrap_or(0.0);
        self.ctx.restore();
        Ok((width.ceil() as u32, size.ceil() as u32))
    }
}
