//! A signature drawn with a finger or a stylus. Pointer events become
//! strokes of points in core's fixed signature box, so what is stored does
//! not depend on the screen; the drawing is always core's
//! `Signature::svg_path`, on screen and in print.

use stillpoint_core::clinical::signature::{
    Signature, SignaturePoint, SIGNATURE_HEIGHT, SIGNATURE_WIDTH,
};
use yew::prelude::*;

/// Strokes as drawn, in the order drawn.
pub type Strokes = Vec<Vec<SignaturePoint>>;

/// Points closer than this (in signature units) to the last one are not
/// kept: they add nothing visible and would only grow the record.
const MIN_STEP: u16 = 2;

/// Properties of [`SignaturePad`].
#[derive(Properties, PartialEq)]
pub struct SignaturePadProps {
    /// Element id; the label and message refer to it.
    pub id: AttrValue,
    /// The visible label.
    pub label: AttrValue,
    /// The strokes so far.
    pub strokes: Strokes,
    /// The message to show, if the signature is refused.
    #[prop_or_default]
    pub error: Option<String>,
    /// Called with every stroke when one is finished, or empty when cleared.
    pub on_change: Callback<Strokes>,
}

/// The pad's own drawing: the strokes plus whether a finger is down.
#[derive(Clone, PartialEq, Default)]
struct Drawing {
    strokes: Strokes,
    down: bool,
}

/// The point under the pointer, in the signature box.
fn point_at(event: &PointerEvent, pad: &NodeRef) -> Option<SignaturePoint> {
    let area = pad.cast::<web_sys::Element>()?.get_bounding_client_rect();
    if area.width() <= 0.0 || area.height() <= 0.0 {
        return None;
    }
    let scale = |offset: f64, size: f64, units: u16| {
        (offset / size * f64::from(units)).clamp(0.0, f64::from(units)) as u16
    };
    Some((
        scale(
            f64::from(event.client_x()) - area.left(),
            area.width(),
            SIGNATURE_WIDTH,
        ),
        scale(
            f64::from(event.client_y()) - area.top(),
            area.height(),
            SIGNATURE_HEIGHT,
        ),
    ))
}

/// A box to sign in, with a Clear button.
#[function_component(SignaturePad)]
pub fn signature_pad(props: &SignaturePadProps) -> Html {
    let drawing = use_state(|| Drawing {
        strokes: props.strokes.clone(),
        down: false,
    });
    {
        let drawing = drawing.clone();
        use_effect_with(props.strokes.clone(), move |strokes| {
            if !drawing.down && drawing.strokes != *strokes {
                drawing.set(Drawing {
                    strokes: strokes.clone(),
                    down: false,
                });
            }
        });
    }
    let pad = use_node_ref();
    let onpointerdown = {
        let drawing = drawing.clone();
        let pad = pad.clone();
        Callback::from(move |event: PointerEvent| {
            let Some(point) = point_at(&event, &pad) else {
                return;
            };
            event.prevent_default();
            if let Some(pad) = pad.cast::<web_sys::Element>() {
                let _ = pad.set_pointer_capture(event.pointer_id());
            }
            let mut next = (*drawing).clone();
            next.strokes.push(vec![point]);
            next.down = true;
            drawing.set(next);
        })
    };
    let onpointermove = {
        let drawing = drawing.clone();
        let pad = pad.clone();
        Callback::from(move |event: PointerEvent| {
            if !drawing.down {
                return;
            }
            let Some(point) = point_at(&event, &pad) else {
                return;
            };
            let mut next = (*drawing).clone();
            if let Some(stroke) = next.strokes.last_mut() {
                let (x, y) = stroke.last().copied().unwrap_or(point);
                if x.abs_diff(point.0) + y.abs_diff(point.1) >= MIN_STEP {
                    stroke.push(point);
                    drawing.set(next);
                }
            }
        })
    };
    let finish = {
        let drawing = drawing.clone();
        let on_change = props.on_change.clone();
        Callback::from(move |_: PointerEvent| {
            if drawing.down {
                let strokes = drawing.strokes.clone();
                drawing.set(Drawing {
                    strokes: strokes.clone(),
                    down: false,
                });
                on_change.emit(strokes);
            }
        })
    };
    let clear = {
        let drawing = drawing.clone();
        let on_change = props.on_change.clone();
        Callback::from(move |_| {
            drawing.set(Drawing::default());
            on_change.emit(Vec::new());
        })
    };
    let path = Signature::new(drawing.strokes.clone())
        .map(|signature| signature.svg_path())
        .unwrap_or_default();
    let label_id = format!("{}-label", props.id);
    let message_id = format!("{}-message", props.id);
    html! {
        <div class={classes!("field", "signature-field", props.error.is_some().then_some("invalid"))}>
            <p class="field-label" id={label_id.clone()}>{ props.label.clone() }</p>
            <p class="hint">{ "Sign in the box with a finger or stylus." }</p>
            <svg id={props.id.clone()} ref={pad} class="signature-pad" role="img" aria-labelledby={label_id}
                aria-describedby={props.error.as_ref().map(|_| message_id.clone())}
                viewBox={format!("0 0 {SIGNATURE_WIDTH} {SIGNATURE_HEIGHT}")}
                {onpointerdown} {onpointermove} onpointerup={finish.clone()} onpointercancel={finish}>
                <line class="signature-line" x1="30" y1="160" x2="570" y2="160" />
                <path class="signature-ink" d={path} />
            </svg>
            if let Some(error) = &props.error {
                <p class="field-message" id={message_id} role="alert">{ error.clone() }</p>
            }
            <div class="actions start">
                <button type="button" class="button" onclick={clear}>{ "Clear signature" }</button>
            </div>
        </div>
    }
}
