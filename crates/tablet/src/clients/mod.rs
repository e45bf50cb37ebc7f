//! The client list, a client's record page, the client form and the
//! printable record.

pub mod client_detail;
pub mod client_form;
pub mod client_list;
pub mod client_print;
pub mod clients_section;
