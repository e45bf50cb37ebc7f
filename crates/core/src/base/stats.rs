//! The few statistics outcome tracking needs: mean, median and the
//! least-squares slope of scores taken one after another.

/// The mean, or `None` for no values.
pub fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

/// The median (the mean of the middle two for an even count), or `None`
/// for no values. The median is used for practice figures because one
/// client with an extreme change would drag a mean far from the typical
/// client.
pub fn median(values: &[f64]) -> Option<f64> {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let middle = sorted.len() / 2;
    match sorted.len() {
        0 => None,
        len if len % 2 == 1 => Some(sorted[middle]),
        _ => Some((sorted[middle - 1] + sorted[middle]) / 2.0),
    }
}

/// The least-squares slope of `values` taken at steps 0, 1, 2, …: the
/// average change per step, using every score rather than only the first
/// and the last. `None` for fewer than two values.
pub fn slope_per_step(values: &[f64]) -> Option<f64> {
    if values.len() < 2 {
        return None;
    }
    let steps: Vec<f64> = (0..values.len()).map(|step| step as f64).collect();
    let step_mean = mean(&steps)?;
    let value_mean = mean(values)?;
    let (covariance, variance) =
        steps
            .iter()
            .zip(values)
            .fold((0.0, 0.0), |(covariance, variance), (step, value)| {
                let offset = step - step_mean;
                (
                    covariance + offset * (value - value_mean),
                    variance + offset * offset,
                )
            });
    Some(covariance / variance)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn means_and_medians() {
        let cases: [(&[f64], Option<f64>, Option<f64>); 5] = [
            (&[], None, None),
            (&[4.0], Some(4.0), Some(4.0)),
            (&[3.0, 1.0, 2.0], Some(2.0), Some(2.0)),
            (&[4.0, 1.0, 3.0, 2.0], Some(2.5), Some(2.5)),
            (&[-5.0, 0.0, 100.0], Some(95.0 / 3.0), Some(0.0)),
        ];
        for (values, expected_mean, expected_median) in cases {
            assert_eq!(mean(values), expected_mean, "{values:?}");
            assert_eq!(median(values), expected_median, "{values:?}");
        }
    }

    #[test]
    fn slopes() {
        let cases: [(&[f64], Option<f64>); 5] = [
            (&[], None),
            (&[7.0], None),
            (&[7.0, 5.0], Some(-2.0)),
            (&[7.0, 6.0, 5.0, 4.0], Some(-1.0)),
            // By hand: steps 0..3 mean 1, values mean 5; covariance
            // (-1)(1) + 0(-1) + 1(0) = -1, variance 2, slope -0.5.
            (&[6.0, 4.0, 5.0], Some(-0.5)),
        ];
        for (values, expected) in cases {
            assert_eq!(slope_per_step(values), expected, "{values:?}");
        }
    }
}
