//! Presentation helpers: turning numbers into words for the screen.

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

#[cfg(test)]
mod tests {
    use super::*;

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
