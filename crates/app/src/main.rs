//! Entry point Trunk builds into the page's wasm.

fn main() {
    stillpoint_app::start();
}
