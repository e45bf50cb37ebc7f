//! CSV text as spreadsheets read it (RFC 4180): comma-separated fields,
//! CRLF line ends, and a field quoted — inner quotes doubled — whenever it
//! holds a comma, a quote or a line break.
//!
//! Every CSV the app or the CLI writes goes through here, so a name with a
//! comma or a quote in it never shifts a spreadsheet's columns, whichever
//! table it appears in.

/// One field, quoted if it needs to be.
pub fn field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

/// The CSV text of `rows` (a header row first, if the table has one), each
/// line ended by CRLF.
pub fn render<Rows, Row, Field>(rows: Rows) -> String
where
    Rows: IntoIterator<Item = Row>,
    Row: IntoIterator<Item = Field>,
    Field: AsRef<str>,
{
    rows.into_iter()
        .map(|row| {
            let fields: Vec<String> = row.into_iter().map(|text| field(text.as_ref())).collect();
            fields.join(",") + "\r\n"
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_fields_that_need_it() {
        let cases = [
            ("plain", "plain"),
            ("Jaw, left side", "\"Jaw, left side\""),
            ("The \"short\" form", "\"The \"\"short\"\" form\""),
            ("two\nlines", "\"two\nlines\""),
            ("carriage\rreturn", "\"carriage\rreturn\""),
            ("", ""),
        ];
        for (text, expected) in cases {
            assert_eq!(field(text), expected, "{text:?}");
        }
    }

    #[test]
    fn rows_end_with_crlf() {
        let rows = [vec!["Name", "Note"], vec!["Ada", "says \"hi\", twice"]];
        assert_eq!(
            render(rows),
            "Name,Note\r\nAda,\"says \"\"hi\"\", twice\"\r\n"
        );
        assert_eq!(render(Vec::<Vec<&str>>::new()), "");
    }
}
