//! Training: jackknifed tagger (so the parser learns from realistic predicted tags), final
//! tagger, lemmatiser, then the parser with a dynamic oracle; deterministic for a seed.

use super::conllu::GoldSentence;
use super::parser::{projectivize, ArcParser, Input, ParseSent, ParserTrainer};
use super::perceptron::{hash_str, Trainer};
use super::tagger::{self, norm_lower, TagSent, WordInfo};
use super::{lemma::Lemmatizer, upos_id, Parser, Rng};
use std::collections::HashMap;

/// Training settings; the defaults are the documented training command's.
#[derive(Clone, Debug)]
pub struct TrainOptions {
    pub seed: u64,
    pub tagger_epochs: usize,
    pub parser_epochs: usize,
    /// Folds for the jackknifed training tags.
    pub folds: usize,
    /// Probability of following the model's own wrong move after the first epoch.
    pub explore: f64,
    /// Train a second tagger pass that reads the first pass's tags on both sides (measured on
    /// EWT dev: no gain, so off by default).
    pub second_pass: bool,
    /// Weights whose quantised magnitude (of 32767 for the largest) is below this are dropped
    /// from the saved model (tuned on EWT dev: 800 keeps dev scores and a fifth of the
    /// transition features).
    pub prune: i16,
    /// Parsers trained side by side (each on its own shuffles and explorations, seeds `seed`,
    /// `seed + 1000`, ...); the model keeps the mean of their weights, so every score is the
    /// mean of theirs.
    pub ensemble: usize,
    /// Beam width of the parser: 1 trains the greedy parser with the dynamic oracle and
    /// exploration; above 1, beam search with max-violation structured perceptron updates,
    /// and the model decodes with the same beam.
    pub beam: usize,
    /// Train on the training and the development sentences together, for exactly
    /// `parser_epochs` epochs (chosen on dev beforehand), keeping the last epoch: dev then
    /// only shows how well the model fits what it saw.
    pub train_on_dev: bool,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            seed: 1,
            tagger_epochs: 8,
            parser_epochs: 10,
            folds: 5,
            explore: 0.9,
            second_pass: false,
            prune: 800,
            ensemble: 1,
            beam: 1,
            train_on_dev: false,
        }
    }
}

fn tag_sents(sents: &[GoldSentence], class_of: &HashMap<(String, String), u16>) -> Vec<TagSent> {
    sents
        .iter()
        .map(|s| TagSent {
            forms: s.words.iter().map(|w| w.form.clone()).collect(),
            ws: s.words.iter().map(|w| WordInfo::new(&w.form)).collect(),
            gold: s
                .words
                .iter()
                .map(|w| {
                    *class_of
                        .get(&(w.upos.clone(), w.xpos.clone()))
                        .unwrap_or(&0)
                })
                .collect(),
        })
        .collect()
}

/// Trains a full model; `log` receives progress lines (dev scores per epoch).
pub fn train(
    train: &[GoldSentence],
    dev: &[GoldSentence],
    opts: &TrainOptions,
    mut log: impl FnMut(&str),
) -> Parser {
    let joined: Vec<GoldSentence>;
    let train = if opts.train_on_dev {
        joined = train.iter().chain(dev).cloned().collect();
        log(&format!(
            "training on train and dev ({} sentences), {} parser epochs, the last kept",
            joined.len(),
            opts.parser_epochs
        ));
        &joined[..]
    } else {
        train
    };
    // tag classes, most frequent first
    let mut counts: HashMap<(String, String), usize> = HashMap::new();
    for s in train {
        for w in &s.words {
            *counts.entry((w.upos.clone(), w.xpos.clone())).or_default() += 1;
        }
    }
    let mut classes: Vec<((String, String), usize)> = counts.into_iter().collect();
    classes.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let classes: Vec<(String, String)> = classes.into_iter().map(|c| c.0).collect();
    let class_of: HashMap<(String, String), u16> = classes
        .iter()
        .enumerate()
        .map(|(i, c)| (c.clone(), i as u16))
        .collect();
    let class_upos: Vec<u16> = classes.iter().map(|(u, _)| upos_id(u)).collect();
    let tsents = tag_sents(train, &class_of);

    // jackknifed first-pass tags (features of the second pass), then jackknifed second-pass
    // tags for the parser's training data
    let k = opts.folds.max(2);
    let jack1 = jackknife(&tsents, &classes, k, opts, None);
    log(&format!(
        "jackknifed first-pass tags ({k} folds): {:.4} of train tags right",
        accuracy(&jack1, &tsents)
    ));
    let jack = if opts.second_pass {
        let j = jackknife(&tsents, &classes, k, opts, Some(&jack1));
        log(&format!(
            "jackknifed second-pass tags ({k} folds): {:.4} of train tags right",
            accuracy(&j, &tsents)
        ));
        j
    } else {
        jack1.clone()
    };

    // final taggers on all of train
    let dev_t = tag_sents(dev, &class_of);
    let all: Vec<&TagSent> = tsents.iter().collect();
    let dev_upos = |t: &tagger::Tagger| {
        let (mut r, mut n) = (0, 0);
        for (s, g) in dev_t.iter().zip(dev) {
            let forms: Vec<&str> = s.forms.iter().map(|x| x.as_str()).collect();
            let tags = t.tag(&forms, &s.ws);
            for (c, w) in tags.iter().zip(&g.words) {
                r += (t.classes[*c as usize].0 == w.upos) as usize;
                n += 1;
            }
        }
        r as f64 / n.max(1) as f64
    };
    let first = tagger::train(
        &all,
        &classes,
        opts.tagger_epochs,
        opts.seed,
        None,
        |ep, t| {
            log(&format!(
                "tagger pass 1 epoch {}: dev UPOS {:.4}",
                ep + 1,
                dev_upos(t)
            ))
        },
    );
    let tagger = if opts.second_pass {
        tagger::train(
            &all,
            &classes,
            opts.tagger_epochs,
            opts.seed,
            Some((&jack1, &first.model)),
            |ep, t| {
                log(&format!(
                    "tagger pass 2 epoch {}: dev UPOS {:.4}",
                    ep + 1,
                    dev_upos(t)
                ))
            },
        )
    } else {
        first
    };

    let lemmatizer = Lemmatizer::train(
        train
            .iter()
            .flat_map(|s| s.words.iter())
            .map(|w| (w.form.as_str(), w.upos.as_str(), w.lemma.as_str())),
    );

    // parser data
    let mut label_names: Vec<String> = train
        .iter()
        .flat_map(|s| s.words.iter().map(|w| w.deprel.clone()))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    if !label_names.iter().any(|l| l == "root") {
        label_names.push("root".into());
    }
    let root = label_names.iter().position(|l| l == "root").unwrap() as u8;
    let label_of: HashMap<&str, u8> = label_names
        .iter()
        .enumerate()
        .map(|(i, l)| (l.as_str(), i as u8))
        .collect();
    let psents: Vec<ParseSent> = train
        .iter()
        .zip(&tsents)
        .zip(&jack)
        .map(|((g, t), tags)| {
            let words: Vec<(u64, u64, u16, u16, u64)> = (0..g.words.len())
                .map(|i| {
                    let upos = &classes[tags[i] as usize].0;
                    let lem = lemmatizer.lemma(&g.words[i].form, upos);
                    (
                        t.ws[i].lower,
                        hash_str(&norm_lower(&lem)),
                        tags[i],
                        class_upos[tags[i] as usize],
                        t.ws[i].suf[2],
                    )
                })
                .collect();
            let heads: Vec<usize> = g.words.iter().map(|w| w.head).collect();
            let proj = projectivize(&heads);
            let mut h = vec![0usize];
            h.extend(proj);
            h.push(0);
            let mut labels = vec![root];
            labels.extend(g.words.iter().map(|w| label_of[w.deprel.as_str()]));
            labels.push(root);
            ParseSent {
                x: Input::new(&words, super::PUNCT_UPOS),
                heads: h,
                labels,
            }
        })
        .collect();

    // `ensemble` parsers trained side by side, each on its own shuffles and explorations; the
    // model keeps the mean of their weights (the first alone is the single parser of this seed)
    let mut runs: Vec<(ParserTrainer, Rng, Vec<usize>)> = (0..opts.ensemble.max(1))
        .map(|j| {
            (
                ParserTrainer::new(label_names.len(), root),
                Rng::new(opts.seed + 1000 * j as u64),
                (0..psents.len()).collect(),
            )
        })
        .collect();
    let mut best: Option<(f64, usize, Parser)> = None;
    for ep in 0..opts.parser_epochs {
        let explore = if ep == 0 { 0.0 } else { opts.explore };
        {
            use rayon::prelude::*;
            let beam = opts.beam.clamp(1, super::parser::MAX_BEAM);
            runs.par_iter_mut().for_each(|(pt, rng, order)| {
                rng.shuffle(order);
                for &i in order.iter() {
                    if beam > 1 {
                        pt.train_sentence_beam(&psents[i], beam);
                    } else {
                        pt.train_sentence(&psents[i], explore, rng);
                    }
                }
            });
        }
        let trans: Vec<&Trainer> = runs.iter().map(|r| &r.0.trans).collect();
        let labels: Vec<&Trainer> = runs.iter().map(|r| &r.0.labels).collect();
        let p = Parser::assemble(
            tagger::Tagger {
                classes: tagger.classes.clone(),
                dict: tagger.dict.clone(),
                amb: tagger.amb.clone(),
                model: tagger.model.clone(),
                second: tagger.second.clone(),
            },
            lemmatizer.clone(),
            ArcParser {
                trans: Trainer::freeze_mean(&trans, 0.0),
                labels: Trainer::freeze_mean(&labels, 0.0),
                label_names: label_names.clone(),
                root,
                beam: opts.beam.clamp(1, super::parser::MAX_BEAM),
                margin: f32::INFINITY,
            },
            String::new(),
        );
        let mut p = p;
        p.prune(opts.prune, opts.prune, opts.prune);
        let sc = p.evaluate(dev);
        log(&format!(
            "parser epoch {}: dev UPOS {:.4} UAS {:.4} LAS {:.4}",
            ep + 1,
            sc.upos,
            sc.uas,
            sc.las
        ));
        if opts.train_on_dev || best.as_ref().is_none_or(|b| sc.las > b.0) {
            best = Some((sc.las, ep + 1, p));
        }
    }
    let (las, ep, p) = best.expect("at least one parser epoch");
    log(&format!("kept parser epoch {ep} (dev LAS {las:.4})"));
    p
}

fn accuracy(tags: &[Vec<u16>], sents: &[TagSent]) -> f64 {
    let (mut right, mut total) = (0usize, 0usize);
    for (t, s) in tags.iter().zip(sents) {
        right += t.iter().zip(&s.gold).filter(|(a, b)| a == b).count();
        total += t.len();
    }
    right as f64 / total.max(1) as f64
}

/// Tags of every training sentence from a tagger trained on the other folds (sentence `i` is in
/// fold `i % k`). With `first`, trains second-pass taggers reading those first-pass tags.
fn jackknife(
    tsents: &[TagSent],
    classes: &[(String, String)],
    k: usize,
    opts: &TrainOptions,
    first: Option<&[Vec<u16>]>,
) -> Vec<Vec<u16>> {
    use rayon::prelude::*;
    let fold_tags: Vec<Vec<(usize, Vec<u16>)>> = (0..k)
        .into_par_iter()
        .map(|f| {
            let idx: Vec<usize> = (0..tsents.len()).filter(|i| i % k != f).collect();
            let tr: Vec<&TagSent> = idx.iter().map(|&i| &tsents[i]).collect();
            let p1: Option<Vec<Vec<u16>>> =
                first.map(|p| idx.iter().map(|&i| p[i].clone()).collect());
            let t1 = tagger::train(
                &tr,
                classes,
                opts.tagger_epochs,
                opts.seed + f as u64,
                None,
                |_, _| {},
            );
            let t = match &p1 {
                Some(p1) => tagger::train(
                    &tr,
                    classes,
                    opts.tagger_epochs,
                    opts.seed + f as u64,
                    Some((p1, &t1.model)),
                    |_, _| {},
                ),
                None => t1,
            };
            (0..tsents.len())
                .filter(|i| i % k == f)
                .map(|i| {
                    let s = &tsents[i];
                    let forms: Vec<&str> = s.forms.iter().map(|x| x.as_str()).collect();
                    let tags = match first {
                        Some(p) => t.tag_second(&forms, &s.ws, &p[i]),
                        None => t.tag(&forms, &s.ws),
                    };
                    (i, tags)
                })
                .collect()
        })
        .collect();
    let mut out: Vec<Vec<u16>> = vec![Vec::new(); tsents.len()];
    for fold in fold_tags {
        for (i, tags) in fold {
            out[i] = tags;
        }
    }
    out
}
