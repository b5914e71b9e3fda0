//! `geokg parse` (CoNLL-U out, or scores against a gold treebank) and `geokg train-syntax`.

use super::{read, DictArgs, PARTIAL};
use anyhow::{bail, Context, Result};
use clap::Args;
use geokg::syntax::{self, Parser, TrainOptions};
use rayon::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Args, Debug)]
pub struct ParseArgs {
    /// Article files, directories or `-` (as for `geokg extract`).
    inputs: Vec<PathBuf>,
    /// Score the model on a gold CoNLL-U file (gold tokenisation) instead: prints UPOS, XPOS,
    /// lemma accuracy, UAS and LAS, one per line.
    #[arg(long, value_name = "GOLD.conllu", conflicts_with = "inputs")]
    eval: Option<PathBuf>,
    /// A model file instead of the bundled one.
    #[arg(long, value_name = "FILE")]
    model: Option<PathBuf>,
    /// Date for plain-text articles without a `date` header (YYYY-MM-DD).
    #[arg(long, value_parser = super::parse_date)]
    date: Option<chrono::NaiveDate>,
    /// Decode the model file with this beam width instead of its own (1: greedy).
    #[arg(long, requires = "model", value_parser = clap::value_parser!(u64).range(1..=64))]
    beam: Option<u64>,
    /// With --beam: drop candidates scoring more than this below the best (beam threshold).
    #[arg(long, requires = "beam")]
    beam_margin: Option<f32>,
}

#[derive(Args, Debug)]
pub struct TrainSyntaxArgs {
    /// Training treebank (CoNLL-U), e.g. ../shared/treebanks/en_ewt-ud-train.conllu.
    #[arg(long, value_name = "FILE")]
    train: PathBuf,
    /// Development treebank for tuning (the epoch with the best LAS is kept).
    #[arg(long, value_name = "FILE")]
    dev: PathBuf,
    /// Where to write the model.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: PathBuf,
    /// Seed for shuffling and exploration (the same seed gives the same model).
    #[arg(long, default_value_t = TrainOptions::default().seed)]
    seed: u64,
    /// Parser training epochs.
    #[arg(long, default_value_t = TrainOptions::default().parser_epochs)]
    epochs: usize,
    /// Tagger training epochs.
    #[arg(long, default_value_t = TrainOptions::default().tagger_epochs)]
    tagger_epochs: usize,
    /// Parsers trained side by side (own shuffles and explorations); the model keeps the mean
    /// of their weights.
    #[arg(long, default_value_t = TrainOptions::default().ensemble as u64,
          value_parser = clap::value_parser!(u64).range(1..=16))]
    ensemble: u64,
    /// Beam width of the parser (1: greedy with a dynamic oracle; above 1: beam search trained
    /// with max-violation updates, and the model decodes with that beam).
    #[arg(long, default_value_t = TrainOptions::default().beam as u64,
          value_parser = clap::value_parser!(u64).range(1..=64))]
    beam: u64,
    /// Folds for the jackknifed tags the parser trains on.
    #[arg(long, default_value_t = TrainOptions::default().folds as u64,
          value_parser = clap::value_parser!(u64).range(2..=20))]
    folds: u64,
    /// Train on --train and --dev together for exactly --epochs parser epochs (chosen on dev
    /// beforehand), keeping the last; dev scores in the log then read sentences the model saw.
    #[arg(long)]
    train_on_dev: bool,
}

/// The bundled model, or a model file (kept for the life of the process).
pub fn load(model: &Option<PathBuf>) -> Result<&'static Parser> {
    let t0 = std::time::Instant::now();
    let p: &'static Parser = match model {
        Some(m) => Box::leak(Box::new(Parser::load(m)?)),
        None => Parser::bundled()?,
    };
    if std::env::var_os("GEOKG_VERBOSE").is_some() {
        eprintln!("geokg: syntax model loaded in {:.2?}", t0.elapsed());
    }
    Ok(p)
}

pub fn parse(a: ParseArgs) -> Result<u8> {
    let parser = match (a.beam, &a.model) {
        (Some(b), Some(m)) => {
            let mut p = Parser::load(m)?;
            p.set_beam(b as usize);
            if let Some(m) = a.beam_margin {
                if m.is_nan() || m < 0.0 {
                    bail!("--beam-margin must be a number of 0 or more, not {m}");
                }
                p.set_beam_margin(m);
            }
            &*Box::leak(Box::new(p))
        }
        _ => load(&a.model)?,
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if let Some(gold) = &a.eval {
        let g = syntax::read_conllu(gold)?;
        if g.is_empty() {
            bail!("{}: no sentences", gold.display());
        }
        let s = parser.evaluate(&g);
        writeln!(out, "UPOS {:.3}", s.upos)?;
        writeln!(out, "XPOS {:.3}", s.xpos)?;
        writeln!(out, "Lemma {:.3}", s.lemma)?;
        writeln!(out, "UAS {:.3}", s.uas)?;
        writeln!(out, "LAS {:.3}", s.las)?;
        writeln!(out, "LAS-subtypes {:.3}", s.las_full)?;
        out.flush()?;
        return Ok(0);
    }
    if a.inputs.is_empty() {
        bail!("give article files or directories to parse, or --eval GOLD.conllu");
    }
    let (docs, partial) = read(
        &a.inputs,
        &DictArgs {
            actors: Vec::new(),
            no_default_actors: false,
            actors_cameo: Vec::new(),
            date: a.date,
        },
    );
    let parsed: Vec<String> = docs
        .par_iter()
        .map(|d| {
            let sents = geokg::parse_document(parser, d);
            conllu_document(d, &sents)
        })
        .collect();
    for p in parsed {
        out.write_all(p.as_bytes())?;
    }
    out.flush()?;
    Ok(if partial { PARTIAL } else { 0 })
}

/// CoNLL-U for one document: `newdoc`, then per sentence `sent_id`, `text` and the words, whose
/// MISC gives `TokenRange=start:end` in characters of the document text.
fn conllu_document(d: &geokg::model::Document, sents: &[geokg::ParsedSentence]) -> String {
    // character offset of every byte offset
    let mut chars = vec![0usize; d.text.len() + 1];
    let mut c = 0;
    for (i, ch) in d.text.char_indices() {
        for k in 0..ch.len_utf8() {
            chars[i + k] = c;
        }
        c += 1;
    }
    chars[d.text.len()] = c;
    let mut s = format!("# newdoc id = {}\n", d.id);
    for (k, p) in sents.iter().enumerate() {
        s.push_str(&format!("# sent_id = {}-{}\n", d.id, k + 1));
        let text: String = p
            .sentence
            .text
            .chars()
            .map(|c| if c.is_whitespace() { ' ' } else { c })
            .collect();
        s.push_str(&format!("# text = {}\n", text.trim()));
        s.push_str(&p.tree.to_conllu(|b| chars[b]));
        s.push('\n');
    }
    s
}

pub fn train(a: TrainSyntaxArgs) -> Result<u8> {
    let t0 = std::time::Instant::now();
    let train = syntax::read_conllu(&a.train)?;
    let dev = syntax::read_conllu(&a.dev)?;
    if train.is_empty() {
        bail!("{}: no sentences", a.train.display());
    }
    let opts = TrainOptions {
        seed: a.seed,
        parser_epochs: a.epochs,
        tagger_epochs: a.tagger_epochs,
        ensemble: a.ensemble as usize,
        beam: a.beam as usize,
        folds: a.folds as usize,
        train_on_dev: a.train_on_dev,
        ..TrainOptions::default()
    };
    let mut p = syntax::train(&train, &dev, &opts, |line| {
        eprintln!("[{:>5.0}s] {line}", t0.elapsed().as_secs_f64())
    });
    let mut ensemble = if a.ensemble > 1 {
        format!(", the mean of {} parsers", a.ensemble)
    } else {
        String::new()
    };
    if a.beam > 1 {
        ensemble.push_str(&format!(", beam {}", a.beam));
    }
    if a.folds as usize != TrainOptions::default().folds {
        ensemble.push_str(&format!(", {}-fold jackknifed tags", a.folds));
    }
    let trained_on = if a.train_on_dev {
        format!(
            "{} and {} ({} sentences), epochs chosen on {} beforehand",
            file_name(&a.train),
            file_name(&a.dev),
            train.len() + dev.len(),
            file_name(&a.dev)
        )
    } else {
        format!(
            "{} ({} sentences), tuned on {}",
            file_name(&a.train),
            train.len(),
            file_name(&a.dev)
        )
    };
    p.info = format!(
        "Trained on {trained_on}; seed {}, {} parser epochs{ensemble}, {} tagger epochs. \
         Training data: {}.",
        a.seed,
        a.epochs,
        a.tagger_epochs,
        syntax::ATTRIBUTION
    );
    p.save(&a.output)
        .with_context(|| format!("writing {}", a.output.display()))?;
    let size = std::fs::metadata(&a.output).map(|m| m.len()).unwrap_or(0);
    eprintln!(
        "wrote {} ({:.1} MB) in {:.0}s",
        a.output.display(),
        size as f64 / 1e6,
        t0.elapsed().as_secs_f64()
    );
    Ok(0)
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_else(|| p.display().to_string())
}
