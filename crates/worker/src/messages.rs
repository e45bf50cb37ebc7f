//! Turning `postMessage` data into jobs and replies into `postMessage` data.
//! Each message is `{ job | reply, bytes? }`: the serde value plus the file
//! as a transferable `Uint8Array` (moved, not copied).

use js_sys::{Array, Object, Reflect, Uint8Array};
use stillpoint_core::sync::sync_job::{SyncJob, SyncReply};
use wasm_bindgen::{JsCast, JsValue};

/// A job as it arrived.
pub struct Incoming {
    /// What to do.
    pub job: SyncJob,
    /// The file to import, if any.
    pub bytes: Vec<u8>,
}

impl Incoming {
    /// Reads `{ job, bytes }`; an unreadable message is a bug in the app,
    /// reported back as a failure rather than a silent hang.
    pub fn from_js(data: JsValue) -> Result<Self, String> {
        let job =
            Reflect::get(&data, &"job".into()).map_err(|_| "the request had no job".to_owned())?;
        let job = serde_wasm_bindgen::from_value(job)
            .map_err(|error| format!("the request was not understood ({error})"))?;
        let bytes = Reflect::get(&data, &"bytes".into())
            .ok()
            .filter(|value| value.is_instance_of::<Uint8Array>())
            .map(|value| Uint8Array::from(value).to_vec())
            .unwrap_or_default();
        Ok(Self { job, bytes })
    }
}

/// A reply on its way out.
pub struct Outgoing {
    reply: SyncReply,
    bytes: Option<Vec<u8>>,
}

impl Outgoing {
    /// A reply without a file.
    pub fn new(reply: SyncReply) -> Self {
        Self { reply, bytes: None }
    }

    /// A reply carrying the exported file.
    pub fn with_bytes(reply: SyncReply, bytes: Vec<u8>) -> Self {
        Self {
            reply,
            bytes: Some(bytes),
        }
    }

    /// The signal that the worker listens for jobs now.
    pub fn ready() -> Self {
        Self::new(SyncReply::Ready)
    }

    /// A failure in the therapist's words.
    pub fn failed(message: String) -> Self {
        Self::new(SyncReply::Failed(message))
    }

    /// The message object and the buffers to transfer with it.
    pub fn into_js(self) -> (JsValue, Array) {
        let message = Object::new();
        let transfer = Array::new();
        let reply = serde_wasm_bindgen::to_value(&self.reply).unwrap_or_else(|error| {
            serde_wasm_bindgen::to_value(&SyncReply::Failed(format!(
                "the reply could not be sent ({error})"
            )))
            .unwrap_or(JsValue::NULL)
        });
        let _ = Reflect::set(&message, &"reply".into(), &reply);
        if let Some(bytes) = self.bytes {
            let array = Uint8Array::from(bytes.as_slice());
            transfer.push(&array.buffer());
            let _ = Reflect::set(&message, &"bytes".into(), &array);
        }
        (message.into(), transfer)
    }
}
