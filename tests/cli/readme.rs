//! The README's command table: one table, one row per subcommand of `geokg --help`.

use super::*;

/// The subcommands `geokg --help` lists (without `help`).
fn subcommands() -> Vec<String> {
    let o = geokg(&["--help"], &root());
    assert!(o.status.success());
    let help = stdout(&o);
    let list = help
        .split("Commands:")
        .nth(1)
        .expect("a Commands: section")
        .split("\n\n")
        .next()
        .unwrap();
    list.lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(str::to_owned)
        .collect()
}

/// The first-column command names of the README's command table.
fn readme_rows() -> Vec<String> {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let section = readme
        .split("\n## Commands\n")
        .nth(1)
        .expect("a Commands section")
        .split("\n## ")
        .next()
        .unwrap();
    // one table: the rows run from its header to the first line that is not a row
    let table: Vec<&str> = section
        .lines()
        .skip_while(|l| !l.starts_with("| command"))
        .take_while(|l| l.starts_with('|'))
        .collect();
    assert!(table.len() > 2, "no command table");
    let rest = section
        .lines()
        .skip_while(|l| !l.starts_with("| command"))
        .skip(table.len());
    for l in rest {
        assert!(
            !l.starts_with("| `geokg"),
            "a second table of commands (a blank line splits the table?): {l}"
        );
    }
    table[2..]
        .iter()
        .map(|l| {
            l.trim_start_matches("| `geokg ")
                .split([' ', '`'])
                .next()
                .unwrap()
                .to_owned()
        })
        .collect()
}

#[test]
fn every_subcommand_has_one_row_in_the_readme() {
    let commands = subcommands();
    assert!(commands.len() >= 10, "{commands:?}");
    let rows = readme_rows();
    for c in &commands {
        let n = rows.iter().filter(|r| *r == c).count();
        assert_eq!(
            n, 1,
            "README's command table has {n} rows for `geokg {c}`: {rows:?}"
        );
    }
    for r in &rows {
        assert!(
            commands.contains(r),
            "README lists `geokg {r}`, which `geokg --help` does not"
        );
    }
}

/// `geokg export --help` says which RDF version is the default and which tools read which.
#[test]
fn export_help_says_which_tools_read_which_rdf() {
    let o = geokg(&["export", "--help"], &root());
    assert!(o.status.success());
    let help = stdout(&o);
    let rdf = help
        .split("--rdf")
        .nth(1)
        .expect("an --rdf option")
        .split("\n  -")
        .next()
        .unwrap();
    for needle in [
        "1.1 (default)",
        "rapper",
        "rdflib",
        "N3.js",
        "1.2 (ttl, nt, nq, trig only)",
    ] {
        assert!(rdf.contains(needle), "--rdf help lacks '{needle}': {rdf}");
    }
}
