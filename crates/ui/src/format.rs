//! Presentation helpers: turning numbers and dates into words for the screen.

use std::cell::OnceCell;

use stillpoint_core::base::date::CalendarDate;
use stillpoint_core::base::hlc::Hlc;
use stillpoint_core::base::time_of_day::TimeOfDay;
use wasm_bindgen::JsValue;

/// Bytes as "12.3 MB" (decimal units, as storage is advertised). Integer
/// arithmetic on purpose: float formatting would add ~10 KB to the wasm.
pub fn bytes(count: f64) -> String {
    const UNITS: [&str; 5] = ["bytes", "kB", "MB", "GB", "TB"];
    let count = if count.is_finite() && count > 0.0 {
        count as u64
    } else {
        0
    };
    if count < 1000 {
        return format!("{count} {}", UNITS[0]);
    }
    let (mut unit, mut scale) = (1, 1000u64);
    let rounded_tenths = |scale: u64| (count.saturating_mul(10) + scale / 2) / scale;
    while rounded_tenths(scale) >= 10_000 && unit < UNITS.len() - 1 {
        scale *= 1000;
        unit += 1;
    }
    let tenths = rounded_tenths(scale);
    format!("{}.{} {}", tenths / 10, tenths % 10, UNITS[unit])
}

/// A wait as words: "30 seconds", "5 minutes", "1 hour", "4 minutes 10
/// seconds" (English, like the rest of the app's sentences).
pub fn duration_words(seconds: u64) -> String {
    let unit = |count: u64, one: &str| match count {
        1 => format!("1 {one}"),
        _ => format!("{count} {one}s"),
    };
    let parts = [
        (seconds / 3600, "hour"),
        (seconds % 3600 / 60, "minute"),
        (seconds % 60, "second"),
    ];
    let words: Vec<String> = parts
        .iter()
        .filter(|(count, _)| *count > 0)
        .map(|(count, one)| unit(*count, one))
        .collect();
    if words.is_empty() {
        unit(0, "second")
    } else {
        words.join(" ")
    }
}

/// `date` in the device's language, such as "27 Nov 2026" or "Nov 27,
/// 2026" (ui.md: dates in the device's locale).
pub fn date(date: CalendarDate) -> String {
    localized(Style::Date, &js_date(date))
}

/// `date` as day and month in the device's language ("20 Nov", "Nov 20"),
/// for week labels and chart axes where the year is plain.
pub fn day_month(date: CalendarDate) -> String {
    localized(Style::DayMonth, &js_date(date))
}

/// A time of day in the device's convention: "14:30" or "2:30 PM".
pub fn time(time: TimeOfDay) -> String {
    let moment = js_date(CalendarDate::new(2000, 1, 1).expect("a real day"));
    moment.set_hours(u32::from(time.hour()));
    moment.set_minutes(u32::from(time.minute()));
    localized(Style::Time, &moment)
}

fn js_date(date: CalendarDate) -> js_sys::Date {
    js_sys::Date::new_with_year_month_day(
        u32::from(date.year()),
        i32::from(date.month()) - 1,
        i32::from(date.day()),
    )
}

/// When a stamped record was made, as the device's date and time.
pub fn stamp(stamp: Hlc) -> String {
    moment(stamp.wall_millis())
}

/// A moment (milliseconds since the Unix epoch) as the device's date and
/// time.
pub fn moment(unix_millis: u64) -> String {
    let moment = js_sys::Date::new(&JsValue::from_f64(unix_millis as f64));
    localized(Style::DateTime, &moment)
}

/// The ways dates and times are written, each one `Intl.DateTimeFormat`.
#[derive(Clone, Copy)]
enum Style {
    Date,
    DayMonth,
    Time,
    DateTime,
}

impl Style {
    const COUNT: usize = 4;

    fn options(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Style::Date => &[("dateStyle", "medium")],
            Style::DayMonth => &[("day", "numeric"), ("month", "short")],
            Style::Time => &[("timeStyle", "short")],
            Style::DateTime => &[("dateStyle", "medium"), ("timeStyle", "short")],
        }
    }
}

thread_local! {
    /// One formatter per style, made on first use: building an
    /// `Intl.DateTimeFormat` costs far more than using one, and a list of
    /// a hundred sessions formats a hundred dates.
    static FORMATTERS: [OnceCell<js_sys::Function>; Style::COUNT] = Default::default();
}

fn localized(style: Style, moment: &js_sys::Date) -> String {
    FORMATTERS.with(|formatters| {
        let format = formatters[style as usize].get_or_init(|| {
            let options = js_sys::Object::new();
            for (key, value) in style.options() {
                let _ = js_sys::Reflect::set(&options, &(*key).into(), &(*value).into());
            }
            js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &options).format()
        });
        format
            .call1(&JsValue::UNDEFINED, moment)
            .ok()
            .and_then(|text| text.as_string())
            .unwrap_or_default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_read_as_words() {
        for (seconds, words) in [
            (0, "0 seconds"),
            (1, "1 second"),
            (30, "30 seconds"),
            (300, "5 minutes"),
            (250, "4 minutes 10 seconds"),
            (3_600, "1 hour"),
            (3_661, "1 hour 1 minute 1 second"),
        ] {
            assert_eq!(duration_words(seconds), words);
        }
    }

    #[test]
    fn picks_a_readable_unit() {
        assert_eq!(bytes(0.0), "0 bytes");
        assert_eq!(bytes(999.0), "999 bytes");
        assert_eq!(bytes(12_345.0), "12.3 kB");
        assert_eq!(bytes(2_500_000_000.0), "2.5 GB");
        assert_eq!(bytes(999_960.0), "1.0 MB");
        assert_eq!(bytes(-5.0), "0 bytes");
    }
}
