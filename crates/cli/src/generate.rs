//! `stillpoint generate`: a synthetic practice for tests, demos and
//! benchmarks, the same byte for byte for the same seed.
//!
//! Two devices (a tablet and a laptop) create clients over two years, then
//! edit, delete, restore and, now and then, edit the same notes on both
//! devices without syncing, which leaves conflicts to resolve. Names, dates
//! and notes vary the way real ones do: accents, apostrophes, long names,
//! empty and multi-line notes.

use stillpoint_core::client::{Client, ClientFields, ClientInput};
use stillpoint_core::dataset::Dataset;
use stillpoint_core::date::CalendarDate;
use stillpoint_core::environment::{Environment, SeededEnvironment};
use stillpoint_core::export::ExportFile;
use stillpoint_core::hlc::{Hlc, HlcClock};
use stillpoint_core::ids::{DeviceId, RecordId};

/// 2023-01-02 09:00 UTC, a Monday: when the synthetic practice opens. Its
/// last change falls at most three years later, so a generated file is
/// never stamped in an importing device's future.
const START_MILLIS: u64 = 1_672_650_000_000;
/// The practice's first clients arrive over this span; later visits take
/// at most half as long again.
const SPAN_MILLIS: u64 = 730 * 24 * 60 * 60 * 1000;

/// Given names, with the short name some clients prefer.
const GIVEN_NAMES: &[(&str, &str)] = &[
    ("Ada", ""),
    ("Zoë", ""),
    ("Siobhán", "Shiv"),
    ("José", "Pepe"),
    ("Mei", ""),
    ("Oluwaseun", "Seun"),
    ("Anneliese", "Anna"),
    ("Björn", ""),
    ("Priya", ""),
    ("Łukasz", "Luke"),
    ("Aroha", ""),
    ("Fatima", ""),
    ("Dmitri", "Dima"),
    ("Noor", ""),
    ("Kenji", ""),
    ("Ngozi", ""),
    ("Inès", ""),
    ("Mateus", "Mat"),
    ("Saoirse", ""),
    ("Elizabeth", "Liz"),
    ("Tomás", "Tom"),
    ("Alexandra", "Sasha"),
];

const FAMILY_NAMES: &[&str] = &[
    "Lovelace",
    "Ó Briain",
    "García Márquez",
    "Nguyen",
    "Okafor",
    "van der Berg",
    "Kowalski",
    "Al-Sayed",
    "Takahashi",
    "Smith-Jones",
    "da Silva",
    "MacDonald",
    "Novák",
    "Haddad",
    "Ng",
    "O'Connor",
    "Wiremu",
    "Lindqvist",
];

const NOTE_LINES: &[&str] = &[
    "Lower back tension after long drives.",
    "Prefers side-lying; no face cradle.",
    "History of migraines: gentle work at the occiput only.",
    "Left shoulder stiff since a fall in the spring.",
    "Pregnant (second trimester): no prone position.",
    "Sleeps badly; responds well to still points.",
    "Referred by her osteopath.",
    "Jaw clenching at night (TMJ); dentist aware.",
    "Runs marathons; tight calves and hamstrings.",
    "Anxious at the first visit, much calmer now.",
    "Allergic to nut oils: use the unscented lotion.",
    "Works at a desk, 10 h a day — neck and wrists.",
];

/// A practice's worth of chance, drawn from one seeded stream.
struct Practice {
    environment: SeededEnvironment,
    /// Average time between two clients' first visits.
    step_millis: u64,
    tablet: HlcClock,
    laptop: HlcClock,
    dataset: Dataset,
}

fn slug(text: &str) -> String {
    text.chars()
        .filter(char::is_ascii_alphanumeric)
        .flat_map(|c| c.to_lowercase())
        .collect()
}

impl Practice {
    fn below(&mut self, bound: usize) -> usize {
        (self.environment.next_u64() % bound as u64) as usize
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    fn notes(&mut self) -> String {
        let count = self.below(4);
        let lines: Vec<&str> = (0..count).map(|_| self.pick(NOTE_LINES)).collect();
        lines.join("\n")
    }

    fn input(&mut self) -> ClientInput {
        let (given, short) = self.pick(GIVEN_NAMES);
        let family = self.pick(FAMILY_NAMES);
        let full_name = if self.chance(2) {
            let second = self.pick(FAMILY_NAMES);
            format!("{given} Maria Auguste {family}-{second} y {family}")
        } else {
            format!("{given} {family}")
        };
        let preferred_name = if self.chance(60) { short } else { "" }.to_owned();
        let date_of_birth = if self.chance(85) {
            format!(
                "{}-{:02}-{:02}",
                1940 + self.below(75),
                1 + self.below(12),
                1 + self.below(28)
            )
        } else {
            String::new()
        };
        let phone = if self.chance(75) {
            format!("+44 7700 9{:05}", self.below(100_000))
        } else {
            String::new()
        };
        let email = if self.chance(60) {
            format!("{}.{}@example.org", slug(given), slug(family))
        } else {
            String::new()
        };
        ClientInput {
            full_name,
            preferred_name,
            date_of_birth,
            phone,
            email,
            notes: self.notes(),
        }
    }

    fn today(&self) -> CalendarDate {
        CalendarDate::from_unix_millis(self.environment.now_millis())
    }

    fn tick(&mut self, on_laptop: bool) -> Hlc {
        let now = self.environment.now_millis();
        let clock = if on_laptop {
            &mut self.laptop
        } else {
            &mut self.tablet
        };
        clock.tick(now)
    }

    fn valid(&self, input: &ClientInput) -> ClientFields {
        input
            .validate(self.today())
            .expect("generated client details are always valid")
    }

    fn create(&mut self) {
        let id = RecordId::new(&mut self.environment);
        let input = self.input();
        let on_laptop = self.chance(20);
        let stamp = self.tick(on_laptop);
        let client = Client::create(id, self.valid(&input), stamp);
        self.dataset.insert_client(client);
    }

    fn edit_notes(&mut self, client: &mut Client, on_laptop: bool) {
        let mut input = client.to_input();
        let line = self.pick(NOTE_LINES);
        input.notes = format!("{}\nFollow-up: {line}", input.notes)
            .trim()
            .to_owned();
        let fields = self.valid(&input);
        let stamp = self.tick(on_laptop);
        client.edit(fields, stamp);
    }

    /// Later activity on an existing client.
    fn revisit(&mut self, mut client: Client) {
        let pause = self.environment.next_u64() % self.step_millis.div_ceil(2);
        let later = self.environment.now_millis() + pause;
        self.environment.set_now_millis(later);
        if self.chance(30) {
            self.edit_notes(&mut client, false);
        }
        if self.chance(5) {
            let mut on_laptop = client.clone();
            self.edit_notes(&mut on_laptop, true);
            self.edit_notes(&mut client, false);
            self.dataset.insert_client(on_laptop);
        }
        if self.chance(8) {
            let stamp = self.tick(false);
            client.delete(stamp);
            if self.chance(25) {
                let stamp = self.tick(false);
                client.restore(stamp);
            }
        }
        self.dataset.insert_client(client);
    }
}

/// A practice of `clients` clients, the same for the same `seed`.
pub fn practice(clients: usize, seed: u64) -> ExportFile {
    // Two device ids and one id per client each move the clock on a step.
    let step_millis = (SPAN_MILLIS / (clients as u64 + 2)).max(1);
    let mut environment = SeededEnvironment::new(seed, START_MILLIS, step_millis);
    let tablet = HlcClock::new(DeviceId::new(&mut environment));
    let laptop = HlcClock::new(DeviceId::new(&mut environment));
    let mut practice = Practice {
        environment,
        step_millis,
        tablet,
        laptop,
        dataset: Dataset::new(),
    };
    (0..clients).for_each(|_| practice.create());
    let created: Vec<Client> = practice.dataset.clients().cloned().collect();
    created
        .into_iter()
        .for_each(|client| practice.revisit(client));
    let now = practice.environment.now_millis();
    practice
        .tablet
        .observe(practice.laptop.last(), now)
        .expect("the laptop's stamps are never ahead of the practice's clock");
    ExportFile::full(practice.dataset, practice.tablet.last())
}

#[cfg(test)]
mod tests {
    use super::*;
    use stillpoint_core::dataset::RecordKind;
    use stillpoint_core::parse::parse;

    #[test]
    fn the_same_seed_gives_the_same_bytes() {
        assert_eq!(practice(50, 7).to_bytes(), practice(50, 7).to_bytes());
        assert_ne!(practice(50, 7).to_bytes(), practice(50, 8).to_bytes());
    }

    #[test]
    fn a_practice_never_reaches_past_its_three_years() {
        let end = START_MILLIS + SPAN_MILLIS * 3 / 2;
        for clients in [0, 1, 5, 400] {
            let file = practice(clients, 3);
            let newest = file.dataset().version_vector().stamps().max();
            assert!(newest.is_none_or(|stamp| stamp.wall_millis() <= end));
            assert!(file.high_water().wall_millis() <= end);
        }
    }

    #[test]
    fn a_practice_is_valid_and_varied() {
        let file = practice(400, 1);
        assert_eq!(parse(&file.to_bytes()), Ok(file.clone()));
        let clients: Vec<&Client> = file.dataset().clients().collect();
        assert_eq!(file.dataset().count(RecordKind::Client), 400);
        assert!(clients.iter().any(|client| client.is_deleted()));
        assert!(clients.iter().any(|client| !client.conflicts().is_empty()));
        assert!(clients
            .iter()
            .any(|client| client.preferred_name().is_some()));
        assert!(clients.iter().any(|client| client.notes().contains('\n')));
        assert!(clients
            .iter()
            .any(|client| client.date_of_birth().is_none()));
        let devices = file.dataset().version_vector().stamps().count();
        assert_eq!(devices, 2);
    }
}
