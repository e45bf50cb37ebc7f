//! The named regions of the body chart and the shapes that draw them.
//!
//! A region is an anatomical area (shoulder, sacrum, temporal bone), and for
//! areas that come in pairs a side. Sides are always the *client's* left and
//! right: on the front figure the client's left is on the viewer's right, on
//! the back figure and the view from above it is on the viewer's left.
//!
//! Regions, their names and their outlines live here as data so the chart,
//! the accessible region list, contraindication rules and print all use the
//! same names. Each paired area is drawn once, for the client's left side; the
//! right side is its mirror image, so the two halves cannot drift apart. The
//! left and right side views of the head are mirrors of each other in the same
//! way. Outlines are polygons in a per-view coordinate box: neutral line art
//! the app fills and strokes itself.

use std::fmt;

use serde::{Deserialize, Serialize};

/// One drawing of the body chart.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum View {
    /// The whole body from the front.
    Front,
    /// The whole body from behind.
    Back,
    /// The head from the client's left side (face towards the viewer's left).
    HeadLeft,
    /// The head from the client's right side (face towards the viewer's right).
    HeadRight,
    /// The head from above, face at the top.
    HeadTop,
}

impl View {
    /// Every view, in the order the chart offers them.
    pub const ALL: [View; 5] = [
        View::Front,
        View::Back,
        View::HeadLeft,
        View::HeadRight,
        View::HeadTop,
    ];

    /// The view's name as the chart's tabs show it.
    pub fn name(self) -> &'static str {
        match self {
            View::Front => "Front",
            View::Back => "Back",
            View::HeadLeft => "Head, left side",
            View::HeadRight => "Head, right side",
            View::HeadTop => "Head from above",
        }
    }

    /// Width and height of the view's coordinate box; outline points lie
    /// inside it.
    pub fn size(self) -> (u16, u16) {
        match self {
            View::Front | View::Back => (200, 440),
            View::HeadLeft | View::HeadRight | View::HeadTop => (200, 200),
        }
    }

    /// The SVG `viewBox` attribute for this view.
    pub fn view_box(self) -> String {
        let (width, height) = self.size();
        format!("0 0 {width} {height}")
    }

    /// The view in which this view's drawings appear mirrored left to right.
    fn mirror(self) -> Self {
        match self {
            View::HeadLeft => View::HeadRight,
            View::HeadRight => View::HeadLeft,
            other => other,
        }
    }
}

/// The client's own left or right.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// The client's left.
    Left,
    /// The client's right.
    Right,
}

impl Side {
    /// "Left" or "Right".
    pub fn name(self) -> &'static str {
        match self {
            Side::Left => "Left",
            Side::Right => "Right",
        }
    }
}

/// An anatomical area of the chart, before choosing a side.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Area {
    /// The forehead (frontal bone).
    Frontal,
    /// A parietal bone, top and side of the skull.
    Parietal,
    /// The back of the head (occiput).
    Occipital,
    /// A temple (temporal bone), around the ear.
    Temporal,
    /// A greater wing of the sphenoid, in front of the temple.
    Sphenoid,
    /// The face: eyes, nose, cheeks and mouth.
    Face,
    /// A side of the jaw with its temporomandibular joint.
    Jaw,
    /// The front of the neck, with the throat and hyoid.
    NeckFront,
    /// The back of the neck.
    NeckBack,
    /// A shoulder, from the neck to the deltoid.
    Shoulder,
    /// A side of the chest.
    Chest,
    /// The abdomen.
    Abdomen,
    /// The front of a hip and the groin.
    Hip,
    /// A side of the upper back with the shoulder blade.
    UpperBack,
    /// A side of the mid back.
    MidBack,
    /// A side of the lower back.
    LowerBack,
    /// The sacrum.
    Sacrum,
    /// A buttock.
    Buttock,
    /// An upper arm.
    UpperArm,
    /// A forearm with the elbow.
    Forearm,
    /// A wrist and hand.
    Hand,
    /// The front of a thigh.
    FrontThigh,
    /// The back of a thigh.
    BackThigh,
    /// A knee, front and back.
    Knee,
    /// A shin.
    Shin,
    /// A calf.
    Calf,
    /// An ankle and foot.
    Foot,
}

/// A point of an outline, in its view's coordinates (x right, y down).
pub type Point = (u16, u16);

struct Outline {
    view: View,
    points: &'static [Point],
}

struct AreaSpec {
    area: Area,
    name: &'static str,
    paired: bool,
    outlines: &'static [Outline],
}

const fn outline(view: View, points: &'static [Point]) -> Outline {
    Outline { view, points }
}

/// Every area in chart order: head, neck, trunk, arms, legs. Paired areas are
/// drawn for the client's left side.
#[rustfmt::skip]
const AREAS: &[AreaSpec] = &[
    AreaSpec {
        area: Area::Frontal,
        name: "forehead (frontal bone)",
        paired: false,
        outlines: &[
            outline(View::Front, &[(80, 24), (82, 14), (90, 7), (100, 5), (110, 7), (118, 14), (120, 24)]),
            outline(View::HeadLeft, &[(98, 18), (100, 60), (86, 74), (72, 96), (42, 96), (44, 64), (56, 38), (76, 24)]),
            outline(View::HeadTop, &[(40, 70), (50, 44), (72, 26), (100, 22), (128, 26), (150, 44), (160, 70)]),
        ],
    },
    AreaSpec {
        area: Area::Parietal,
        name: "parietal bone",
        paired: true,
        outlines: &[
            outline(View::Back, &[(100, 5), (90, 7), (82, 14), (80, 30), (100, 30)]),
            outline(View::HeadLeft, &[(98, 18), (122, 18), (148, 26), (168, 44), (172, 70), (150, 84), (118, 84), (100, 60)]),
            outline(View::HeadTop, &[(100, 70), (40, 70), (38, 100), (42, 130), (56, 150), (100, 150)]),
        ],
    },
    AreaSpec {
        area: Area::Occipital,
        name: "back of the head (occiput)",
        paired: false,
        outlines: &[
            outline(View::Back, &[(80, 30), (120, 30), (120, 42), (112, 54), (100, 58), (88, 54), (80, 42)]),
            outline(View::HeadLeft, &[(168, 44), (178, 62), (182, 90), (176, 116), (160, 134), (142, 124), (150, 84), (172, 70)]),
            outline(View::HeadTop, &[(56, 150), (144, 150), (132, 166), (116, 176), (100, 178), (84, 176), (68, 166)]),
        ],
    },
    AreaSpec {
        area: Area::Temporal,
        name: "temple (temporal bone)",
        paired: true,
        outlines: &[outline(View::HeadLeft, &[(100, 60), (118, 84), (150, 84), (142, 124), (122, 130), (104, 118), (86, 74)])],
    },
    AreaSpec {
        area: Area::Sphenoid,
        name: "sphenoid (greater wing)",
        paired: true,
        outlines: &[outline(View::HeadLeft, &[(86, 74), (104, 118), (88, 120), (72, 96)])],
    },
    AreaSpec {
        area: Area::Face,
        name: "face",
        paired: false,
        outlines: &[
            outline(View::Front, &[(80, 24), (120, 24), (121, 38), (113, 40), (100, 41), (87, 40), (79, 38)]),
            outline(View::HeadLeft, &[(42, 96), (72, 96), (88, 120), (84, 136), (60, 150), (40, 146), (30, 120)]),
        ],
    },
    AreaSpec {
        area: Area::Jaw,
        name: "jaw and TMJ",
        paired: true,
        outlines: &[
            outline(View::Front, &[(100, 41), (113, 40), (121, 38), (118, 50), (110, 58), (100, 62)]),
            outline(View::HeadLeft, &[(88, 120), (104, 118), (122, 130), (120, 150), (100, 170), (70, 172), (56, 160), (60, 150), (84, 136)]),
        ],
    },
    AreaSpec {
        area: Area::NeckFront,
        name: "front of the neck (throat)",
        paired: false,
        outlines: &[
            outline(View::Front, &[(90, 58), (100, 62), (110, 58), (111, 74), (89, 74)]),
            outline(View::HeadLeft, &[(70, 172), (100, 170), (106, 196), (74, 196)]),
        ],
    },
    AreaSpec {
        area: Area::NeckBack,
        name: "back of the neck",
        paired: false,
        outlines: &[
            outline(View::Back, &[(88, 54), (100, 58), (112, 54), (111, 74), (89, 74)]),
            outline(View::HeadLeft, &[(100, 170), (120, 150), (142, 124), (160, 134), (152, 160), (148, 196), (106, 196)]),
        ],
    },
    AreaSpec {
        area: Area::Shoulder,
        name: "shoulder",
        paired: true,
        outlines: &[
            outline(View::Front, &[(100, 74), (111, 74), (128, 78), (142, 84), (150, 94), (154, 108), (138, 108), (134, 90), (100, 90)]),
            outline(View::Back, &[(89, 74), (72, 78), (58, 84), (50, 94), (46, 108), (62, 108), (66, 90)]),
        ],
    },
    AreaSpec {
        area: Area::Chest,
        name: "chest",
        paired: true,
        outlines: &[outline(View::Front, &[(100, 90), (134, 90), (138, 108), (136, 150), (100, 150)])],
    },
    AreaSpec {
        area: Area::Abdomen,
        name: "abdomen",
        paired: false,
        outlines: &[outline(View::Front, &[(64, 150), (136, 150), (132, 180), (136, 212), (64, 212), (68, 180)])],
    },
    AreaSpec {
        area: Area::Hip,
        name: "front of the hip and groin",
        paired: true,
        outlines: &[outline(View::Front, &[(100, 212), (136, 212), (140, 232), (138, 252), (104, 252), (100, 246)])],
    },
    AreaSpec {
        area: Area::UpperBack,
        name: "upper back and shoulder blade",
        paired: true,
        outlines: &[outline(View::Back, &[(100, 74), (89, 74), (66, 90), (62, 108), (64, 130), (100, 130)])],
    },
    AreaSpec {
        area: Area::MidBack,
        name: "mid back",
        paired: true,
        outlines: &[outline(View::Back, &[(100, 130), (64, 130), (66, 175), (100, 175)])],
    },
    AreaSpec {
        area: Area::LowerBack,
        name: "lower back",
        paired: true,
        outlines: &[outline(View::Back, &[(100, 175), (66, 175), (64, 212), (90, 212), (100, 205)])],
    },
    AreaSpec {
        area: Area::Sacrum,
        name: "sacrum",
        paired: false,
        outlines: &[outline(View::Back, &[(90, 212), (100, 205), (110, 212), (108, 240), (100, 250), (92, 240)])],
    },
    AreaSpec {
        area: Area::Buttock,
        name: "buttock",
        paired: true,
        outlines: &[outline(View::Back, &[(64, 212), (90, 212), (92, 240), (100, 250), (100, 262), (62, 262), (60, 236)])],
    },
    AreaSpec {
        area: Area::UpperArm,
        name: "upper arm",
        paired: true,
        outlines: &[
            outline(View::Front, &[(140, 110), (154, 110), (158, 140), (160, 172), (146, 174), (142, 140)]),
            outline(View::Back, &[(60, 110), (46, 110), (42, 140), (40, 172), (54, 174), (58, 140)]),
        ],
    },
    AreaSpec {
        area: Area::Forearm,
        name: "forearm and elbow",
        paired: true,
        outlines: &[
            outline(View::Front, &[(146, 174), (160, 172), (166, 210), (168, 240), (156, 242), (150, 210)]),
            outline(View::Back, &[(54, 174), (40, 172), (34, 210), (32, 240), (44, 242), (50, 210)]),
        ],
    },
    AreaSpec {
        area: Area::Hand,
        name: "wrist and hand",
        paired: true,
        outlines: &[
            outline(View::Front, &[(156, 242), (168, 240), (174, 262), (170, 280), (160, 282), (154, 262)]),
            outline(View::Back, &[(44, 242), (32, 240), (26, 262), (30, 280), (40, 282), (46, 262)]),
        ],
    },
    AreaSpec {
        area: Area::FrontThigh,
        name: "front of the thigh",
        paired: true,
        outlines: &[outline(View::Front, &[(104, 252), (138, 252), (136, 290), (130, 338), (108, 338), (104, 290)])],
    },
    AreaSpec {
        area: Area::BackThigh,
        name: "back of the thigh",
        paired: true,
        outlines: &[outline(View::Back, &[(62, 262), (96, 262), (96, 290), (92, 338), (70, 338), (64, 290)])],
    },
    AreaSpec {
        area: Area::Knee,
        name: "knee",
        paired: true,
        outlines: &[
            outline(View::Front, &[(108, 338), (130, 338), (130, 362), (109, 362)]),
            outline(View::Back, &[(70, 338), (92, 338), (91, 362), (70, 362)]),
        ],
    },
    AreaSpec {
        area: Area::Shin,
        name: "shin",
        paired: true,
        outlines: &[outline(View::Front, &[(109, 362), (130, 362), (128, 392), (124, 418), (112, 418), (110, 392)])],
    },
    AreaSpec {
        area: Area::Calf,
        name: "calf",
        paired: true,
        outlines: &[outline(View::Back, &[(70, 362), (91, 362), (90, 392), (88, 418), (76, 418), (72, 392)])],
    },
    AreaSpec {
        area: Area::Foot,
        name: "ankle and foot",
        paired: true,
        outlines: &[
            outline(View::Front, &[(112, 418), (124, 418), (130, 428), (132, 436), (110, 436), (110, 426)]),
            outline(View::Back, &[(76, 418), (88, 418), (90, 436), (74, 436)]),
        ],
    },
];

impl Area {
    fn spec(self) -> &'static AreaSpec {
        &AREAS[self as usize]
    }

    /// Whether the area has a left and a right (a shoulder) or lies on the
    /// midline (the sacrum).
    pub fn is_paired(self) -> bool {
        self.spec().paired
    }
}

/// One region of the chart: an area and, for paired areas, the side.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(try_from = "RegionParts")]
pub struct Region {
    area: Area,
    side: Option<Side>,
}

/// A region as stored, before checking that the side fits the area.
#[derive(Deserialize)]
struct RegionParts {
    area: Area,
    side: Option<Side>,
}

/// A side was given for a midline area, or left out for a paired one.
#[derive(Clone, Copy, PartialEq, Eq, Debug, thiserror::Error)]
#[error("that body area does not fit that side")]
pub struct RegionError;

impl TryFrom<RegionParts> for Region {
    type Error = RegionError;

    fn try_from(parts: RegionParts) -> Result<Self, Self::Error> {
        Region::new(parts.area, parts.side)
    }
}

/// A region's outline in one view, ready to draw.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Shape {
    /// The view the outline belongs to.
    pub view: View,
    /// The polygon's corners in that view's coordinates.
    pub points: Vec<Point>,
}

impl Shape {
    fn mirrored(outline: &Outline) -> Self {
        let view = outline.view.mirror();
        let (width, _) = view.size();
        Shape {
            view,
            points: outline
                .points
                .iter()
                .map(|&(x, y)| (width - x, y))
                .collect(),
        }
    }

    fn as_drawn(outline: &Outline) -> Self {
        Shape {
            view: outline.view,
            points: outline.points.to_vec(),
        }
    }

    /// SVG path data (`M x y L … Z`) for the outline.
    pub fn svg_path(&self) -> String {
        let corners: Vec<String> = self
            .points
            .iter()
            .map(|(x, y)| format!("{x} {y}"))
            .collect();
        format!("M {} Z", corners.join(" L "))
    }

    /// Twice the polygon's signed area (shoelace formula).
    fn doubled_area(&self) -> i64 {
        self.edges()
            .map(|((x0, y0), (x1, y1))| x0 * y1 - x1 * y0)
            .sum()
    }

    fn edges(&self) -> impl Iterator<Item = ((i64, i64), (i64, i64))> + '_ {
        let corner = |index: usize| {
            let (x, y) = self.points[index % self.points.len()];
            (i64::from(x), i64::from(y))
        };
        (0..self.points.len()).map(move |index| (corner(index), corner(index + 1)))
    }

    /// Where to print the mark's intensity: the polygon's centroid.
    pub fn label_point(&self) -> (f64, f64) {
        let six_area = 3.0 * self.doubled_area() as f64;
        let (x, y) = self
            .edges()
            .fold((0.0, 0.0), |(x, y), ((x0, y0), (x1, y1))| {
                let cross = (x0 * y1 - x1 * y0) as f64;
                (x + (x0 + x1) as f64 * cross, y + (y0 + y1) as f64 * cross)
            });
        (x / six_area, y / six_area)
    }

    /// Whether a point of the view lies inside the outline (even-odd rule).
    pub fn contains(&self, (x, y): (f64, f64)) -> bool {
        self.edges().fold(false, |inside, ((x0, y0), (x1, y1))| {
            let (x0, y0, x1, y1) = (x0 as f64, y0 as f64, x1 as f64, y1 as f64);
            let crosses = (y0 > y) != (y1 > y) && x < (x1 - x0) * (y - y0) / (y1 - y0) + x0;
            inside != crosses
        })
    }
}

impl Region {
    /// The region for `area` on `side`; a midline area takes no side and a
    /// paired area needs one.
    pub fn new(area: Area, side: Option<Side>) -> Result<Self, RegionError> {
        if area.is_paired() == side.is_some() {
            Ok(Self { area, side })
        } else {
            Err(RegionError)
        }
    }

    /// Every region in chart order, left before right.
    pub fn all() -> Vec<Region> {
        AREAS
            .iter()
            .flat_map(|spec| {
                let sides: &[Option<Side>] = if spec.paired {
                    &[Some(Side::Left), Some(Side::Right)]
                } else {
                    &[None]
                };
                sides.iter().map(move |&side| Region {
                    area: spec.area,
                    side,
                })
            })
            .collect()
    }

    /// The regions drawn in `view`, in chart order.
    pub fn in_view(view: View) -> Vec<Region> {
        Self::all()
            .into_iter()
            .filter(|region| region.views().contains(&view))
            .collect()
    }

    /// The anatomical area.
    pub fn area(&self) -> Area {
        self.area
    }

    /// The client's side, for paired areas.
    pub fn side(&self) -> Option<Side> {
        self.side
    }

    /// The region's name as the chart and the region list show it, such as
    /// "Left shoulder" or "Sacrum".
    pub fn name(&self) -> String {
        let area = self.area.spec().name;
        match self.side {
            Some(side) => format!("{} {area}", side.name()),
            None => {
                let mut chars = area.chars();
                chars
                    .next()
                    .map(|first| first.to_uppercase().chain(chars).collect())
                    .unwrap_or_default()
            }
        }
    }

    /// The region's outlines in every view that shows it. A midline area seen
    /// from one side of the head is seen from the other side too.
    pub fn shapes(&self) -> Vec<Shape> {
        let outlines = self.area.spec().outlines.iter();
        match self.side {
            Some(Side::Left) => outlines.map(Shape::as_drawn).collect(),
            Some(Side::Right) => outlines.map(Shape::mirrored).collect(),
            None => outlines
                .flat_map(|outline| {
                    let mirror =
                        (outline.view.mirror() != outline.view).then(|| Shape::mirrored(outline));
                    std::iter::once(Shape::as_drawn(outline)).chain(mirror)
                })
                .collect(),
        }
    }

    /// The views in which the region is drawn.
    pub fn views(&self) -> Vec<View> {
        self.shapes().into_iter().map(|shape| shape.view).collect()
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn region(area: Area, side: Option<Side>) -> Region {
        Region::new(area, side).unwrap()
    }

    #[test]
    fn the_table_follows_the_area_order() {
        for (index, spec) in AREAS.iter().enumerate() {
            assert_eq!(spec.area as usize, index, "{:?}", spec.area);
            assert!(!spec.outlines.is_empty(), "{:?} is never drawn", spec.area);
        }
        assert_eq!(AREAS.len(), Area::Foot as usize + 1);
    }

    #[test]
    fn sides_must_fit_the_area() {
        assert_eq!(
            Region::new(Area::Sacrum, Some(Side::Left)),
            Err(RegionError)
        );
        assert_eq!(Region::new(Area::Shoulder, None), Err(RegionError));
        assert!(Region::new(Area::Shoulder, Some(Side::Right)).is_ok());
        assert!(serde_json::from_str::<Region>(r#"{"area":"sacrum","side":"left"}"#).is_err());
    }

    #[test]
    fn names_read_naturally() {
        let cases = [
            (region(Area::Shoulder, Some(Side::Left)), "Left shoulder"),
            (region(Area::Jaw, Some(Side::Right)), "Right jaw and TMJ"),
            (region(Area::Sacrum, None), "Sacrum"),
            (region(Area::Frontal, None), "Forehead (frontal bone)"),
        ];
        for (region, name) in cases {
            assert_eq!(region.name(), name);
        }
    }

    #[test]
    fn every_region_is_drawn_with_a_unique_name() {
        let regions = Region::all();
        let mut names: Vec<String> = regions.iter().map(Region::name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), regions.len());
        for region in &regions {
            assert!(!region.shapes().is_empty(), "{region}");
        }
        for view in View::ALL {
            assert!(!Region::in_view(view).is_empty(), "{view:?}");
        }
    }

    #[test]
    fn shapes_are_real_polygons_inside_their_view_with_labels_inside() {
        for region in Region::all() {
            for shape in region.shapes() {
                let (width, height) = shape.view.size();
                assert!(shape.points.len() >= 3, "{region}");
                assert!(
                    shape.points.iter().all(|&(x, y)| x <= width && y <= height),
                    "{region} leaves the {:?} box",
                    shape.view
                );
                assert!(
                    shape.doubled_area().abs() >= 200,
                    "{region} is too small to tap"
                );
                assert!(
                    shape.contains(shape.label_point()),
                    "{region}: label falls outside in {:?}",
                    shape.view
                );
            }
        }
    }

    /// A tap may hit only one region: sample each view on a fine grid and
    /// check no point (away from a shared edge) is inside two outlines.
    #[test]
    fn regions_of_a_view_do_not_overlap() {
        for view in View::ALL {
            let shapes: Vec<(Region, Shape)> = Region::in_view(view)
                .into_iter()
                .flat_map(|region| {
                    region
                        .shapes()
                        .into_iter()
                        .filter(move |shape| shape.view == view)
                        .map(move |shape| (region, shape))
                })
                .collect();
            let (width, height) = view.size();
            for y in 0..height {
                for x in 0..width {
                    let point = (f64::from(x) + 0.5, f64::from(y) + 0.5);
                    let hits: Vec<&Region> = shapes
                        .iter()
                        .filter(|(_, shape)| shape.contains(point) && !near_edge(shape, point))
                        .map(|(region, _)| region)
                        .collect();
                    assert!(hits.len() <= 1, "{view:?} {point:?}: {hits:?}");
                }
            }
        }
    }

    fn near_edge(shape: &Shape, (x, y): (f64, f64)) -> bool {
        shape.edges().any(|((x0, y0), (x1, y1))| {
            let (x0, y0, x1, y1) = (x0 as f64, y0 as f64, x1 as f64, y1 as f64);
            let (dx, dy) = (x1 - x0, y1 - y0);
            let along = (((x - x0) * dx + (y - y0) * dy) / (dx * dx + dy * dy)).clamp(0.0, 1.0);
            let (px, py) = (x0 + along * dx, y0 + along * dy);
            (x - px).hypot(y - py) < 0.3
        })
    }

    #[test]
    fn sides_sit_where_the_viewer_expects_them() {
        let centre_x = |region: Region, view: View| {
            let shape = region
                .shapes()
                .into_iter()
                .find(|shape| shape.view == view)
                .unwrap();
            shape.label_point().0
        };
        let left_shoulder = region(Area::Shoulder, Some(Side::Left));
        assert!(centre_x(left_shoulder, View::Front) > 100.0);
        assert!(centre_x(left_shoulder, View::Back) < 100.0);
        let left_parietal = region(Area::Parietal, Some(Side::Left));
        assert!(centre_x(left_parietal, View::HeadTop) < 100.0);
        assert_eq!(
            region(Area::Temporal, Some(Side::Right)).views(),
            [View::HeadRight]
        );
        assert_eq!(
            region(Area::Occipital, None).views(),
            [View::Back, View::HeadLeft, View::HeadRight, View::HeadTop]
        );
    }

    #[test]
    fn svg_path_lists_the_corners() {
        let shape = Shape {
            view: View::Front,
            points: vec![(0, 0), (10, 0), (10, 5)],
        };
        assert_eq!(shape.svg_path(), "M 0 0 L 10 0 L 10 5 Z");
    }

    #[test]
    fn serde_round_trip_of_every_region() {
        for region in Region::all() {
            let json = serde_json::to_string(&region).unwrap();
            assert_eq!(serde_json::from_str::<Region>(&json).unwrap(), region);
        }
    }
}
