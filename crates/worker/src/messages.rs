//! Turning `postMessage` data into jobs and replies into `postMessage` data.
//! Each message is `{ job | reply, bytes? }`: the job or reply as JSON bytes
//! ([`SyncJob::to_bytes`], [`SyncReply::to_bytes`]) plus the file, each a
//! transferable `Uint8Array` (moved, not copied or cloned object by object).

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

/// The bytes of the `Uint8Array` under `name` in `data`, if there is one.
fn bytes_of(data: &JsValue, name: &str) -> Option<Vec<u8>> {
    Reflect::get(data, &name.into())
        .ok()
        .filter(|value| value.is_instance_of::<Uint8Array>())
        .map(|value| Uint8Array::from(value).to_vec())
}

impl Incoming {
    /// Reads `{ job, bytes }`; an unreadable message is a bug in the app,
    /// reported back as a failure rather than a silent hang.
    pub fn from_js(data: JsValue) -> Result<Self, String> {
        let job = bytes_of(&data, "job").ok_or_else(|| "the request had no job".to_owned())?;
        let job = SyncJob::from_bytes(&job).map_err(|error| error.to_string())?;
        Ok(Self {
            job,
            bytes: bytes_of(&data, "bytes").unwrap_or_default(),
        })
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
        let attach = |name: &str, bytes: &[u8]| {
            let array = Uint8Array::from(bytes);
            transfer.push(&array.buffer());
            let _ = Reflect::set(&message, &name.into(), &array);
        };
        attach("reply", &self.reply.to_bytes());
        if let Some(bytes) = self.bytes {
            attach("bytes", &bytes);
        }
        (message.into(), transfer)
    }
}
