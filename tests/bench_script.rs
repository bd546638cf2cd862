//! `scripts/bench.sh` times rg, the floor, searching every needle of the default rules:
//! its list must be the table's.

use cookie_fix::rules::RULES;

#[test]
fn the_benchmark_floor_searches_every_default_needle() {
    let script = include_str!("../scripts/bench.sh");
    let start = script.find("\nNEEDLES=(").expect("bench.sh has NEEDLES=(") + "\nNEEDLES=(".len();
    let end = start + script[start..].find(')').expect("NEEDLES=( is closed");
    let mut listed: Vec<&str> = script[start..end].split_whitespace().collect();
    listed.sort_unstable();
    let mut needles: Vec<&str> = RULES
        .iter()
        .filter(|rule| rule.default)
        .flat_map(|rule| rule.needles.iter().copied())
        .collect();
    needles.sort_unstable();
    needles.dedup();
    assert_eq!(listed, needles);
}
