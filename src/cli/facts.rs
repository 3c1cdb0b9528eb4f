//! `copydesk facts`: ask the knowledge base directly, as an editor does before writing a
//! title, and see how far each source reaches.

use super::args::{FactsCommand, FactsPersonArgs, FactsSourcesArgs, FactsWhoArgs};
use super::{EXIT_CLEAN, EXIT_ERROR, settings};
use crate::error::LoadError;
use crate::facts::{Facts, Office};
use std::collections::BTreeSet;

pub(super) fn run(command: FactsCommand) -> Result<u8, LoadError> {
    match command {
        FactsCommand::Who(a) => who(a),
        FactsCommand::Person(a) => person(a),
        FactsCommand::Sources(a) => sources(a),
    }
}

fn term(facts: &Facts, o: &Office) -> String {
    let from = o.from.map_or("?".to_string(), |d| d.to_string());
    let to = match (o.to, facts.known_until(o)) {
        (Some(t), _) => t.to_string(),
        (None, Some(a)) => format!("… (in office at {a})"),
        (None, None) => "…".to_string(),
    };
    format!("{from} to {to}")
}

fn who(args: FactsWhoArgs) -> Result<u8, LoadError> {
    let rules = settings(&args.rule_options)?.rule_set()?;
    let facts = rules.facts();
    let Some(country) = facts.find_country(&args.country) else {
        eprintln!(
            "copydesk: error: no country or organization '{}' on file; give a name, an ISO code or an adjective (\"Japan\", \"JPN\", \"Japanese\")",
            args.country
        );
        return Ok(EXIT_ERROR);
    };
    let titles = facts.titles_of_form(&args.title);
    if titles.is_empty() {
        let mut known: Vec<&str> = facts.titles.iter().map(|t| t.name.as_str()).collect();
        known.sort_unstable();
        eprintln!(
            "copydesk: error: no title '{}' on file; titles: {}",
            args.title,
            known.join(", ")
        );
        return Ok(EXIT_ERROR);
    }
    let names: Vec<&str> = titles.iter().map(|t| t.name.as_str()).collect();
    let terms = facts.terms(&names, &country.code);
    let of = country.name_after_of();
    let Some(date) = args.date else {
        if terms.is_empty() {
            println!("No {} of {of} on file.", args.title);
        }
        for (p, o) in &terms {
            println!(
                "{} of {of}: {}, {} (source: {})",
                o.title,
                p.name,
                term(facts, o),
                facts.describe_source(o)
            );
        }
        return Ok(EXIT_CLEAN);
    };
    let certain: Vec<_> = terms
        .iter()
        .filter(|(_, o)| facts.certainly_held(o, date))
        .collect();
    let possible: Vec<_> = terms
        .iter()
        .filter(|(_, o)| !facts.certainly_held(o, date) && facts.possibly_held(o, date))
        .collect();
    for (p, o) in &certain {
        println!(
            "On {date} the {} of {of} was {} ({}; source: {}).",
            o.title,
            p.name,
            term(facts, o),
            facts.describe_source(o)
        );
    }
    if certain.is_empty() {
        println!(
            "Not known: no source on file says who was {} of {of} on {date}.",
            args.title
        );
    }
    for (p, o) in possible {
        println!(
            "  {} may have held it then ({}; source: {}).",
            p.name,
            term(facts, o),
            facts.describe_source(o)
        );
    }
    Ok(EXIT_CLEAN)
}

fn person(args: FactsPersonArgs) -> Result<u8, LoadError> {
    let rules = settings(&args.rule_options)?.rule_set()?;
    let facts = rules.facts();
    let people = facts.find_people(&args.name);
    if people.is_empty() {
        eprintln!(
            "copydesk: error: no one named '{}' on file; try the surname alone",
            args.name
        );
        return Ok(EXIT_ERROR);
    }
    for (i, p) in people.iter().enumerate() {
        if i > 0 {
            println!();
        }
        println!("{}", p.name);
        if !p.aliases.is_empty() {
            println!("  also written: {}", p.aliases.join(", "));
        }
        if let Some(q) = &p.wikidata {
            println!("  Wikidata: {q}");
        }
        for o in &p.offices {
            let country = facts
                .country(&o.country)
                .map_or(o.country.clone(), |c| c.name_after_of());
            println!(
                "  {} of {country}: {} (source: {})",
                o.title,
                term(facts, o),
                facts.describe_source(o)
            );
        }
    }
    Ok(EXIT_CLEAN)
}

fn sources(args: FactsSourcesArgs) -> Result<u8, LoadError> {
    let rules = settings(&args.rule_options)?.rule_set()?;
    let facts = rules.facts();
    for d in &facts.datasets {
        let offices: Vec<(&str, &Office)> = facts
            .people
            .iter()
            .flat_map(|p| p.offices.iter().map(move |o| (p.name.as_str(), o)))
            .filter(|(_, o)| o.source.split(", ").any(|s| s == d.id))
            .collect();
        let people: BTreeSet<&str> = offices.iter().map(|(n, _)| *n).collect();
        let countries: BTreeSet<&str> = offices.iter().map(|(_, o)| o.country.as_str()).collect();
        let titles: BTreeSet<&str> = offices.iter().map(|(_, o)| o.title.as_str()).collect();
        let first = offices.iter().filter_map(|(_, o)| o.from).min();
        println!("{} ({})", d.name, d.id);
        println!("  licence:  {}", d.license);
        println!("  snapshot: {} (nothing later is known from it)", d.as_of);
        if !d.covers.is_empty() {
            println!("  covers:   {}", d.covers);
        }
        println!(
            "  on file:  {} terms of {} people, {} countries and organizations, {} titles{}",
            offices.len(),
            people.len(),
            countries.len(),
            titles.len(),
            first.map_or(String::new(), |f| format!(", earliest start {f}"))
        );
        println!();
    }
    for s in &facts.sources {
        println!("file {s}");
    }
    Ok(EXIT_CLEAN)
}
