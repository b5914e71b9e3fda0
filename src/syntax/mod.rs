//! Syntax stage: part-of-speech tags (UPOS and XPOS), lemmas and labelled Universal
//! Dependencies trees for tokenised sentences, from a model trained on the UD English Web
//! Treebank (see `data/syntax/README.md`).
//!
//! [`Parser`] is loaded once (the bundled model through [`Parser::bundled`]) and shared across
//! threads; [`Parser::parse`] turns tokens with byte spans into a [`Tree`].

pub mod conllu;
mod lemma;
mod parser;
mod perceptron;
mod tagger;
pub mod tokenize;
mod train;

pub use conllu::{parse_conllu, read_conllu, GoldSentence, GoldWord};
pub use tokenize::{tokenize, SyntaxToken};
pub use train::{train, TrainOptions};

use perceptron::Reader;
use std::io::{Read, Write};
use std::path::Path;
use std::sync::OnceLock;

/// Errors of the syntax stage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyntaxError {
    /// A file could not be read or written (message names it).
    Io(String),
    /// Bad treebank input (message names file and line).
    Data(String),
    /// A bad or truncated model file.
    Model(String),
}

impl std::fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SyntaxError::Io(m) | SyntaxError::Data(m) => write!(f, "{m}"),
            SyntaxError::Model(m) => write!(f, "syntax model: {m}"),
        }
    }
}

impl std::error::Error for SyntaxError {}

/// The attribution every model trained on EWT carries.
pub const ATTRIBUTION: &str =
    "Universal Dependencies English Web Treebank (Silveira et al. 2014; UD release), CC BY-SA 4.0";

/// The model file's first bytes, then its format version and a newline: version 1 is the
/// greedy parser's, version 2 adds the beam width (written only when it is above 1, so a
/// greedy model stays a version 1 file).
const MAGIC: &[u8] = b"GEOKG-SYNTAX ";

/// One syntactic word of a parsed sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    pub form: String,
    /// [start, end) byte offsets in the text the tokens came from.
    pub span: (usize, usize),
    pub upos: String,
    pub xpos: String,
    pub lemma: String,
    /// 1-based index of the head word; 0 for the root.
    pub head: usize,
    /// Universal Dependencies relation with subtype (`nsubj:pass`, `obl:agent`, `acl:relcl`).
    pub deprel: String,
}

/// A dependency tree: words in order, word `i` (0-based) is CoNLL-U id `i + 1`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tree {
    pub words: Vec<Word>,
}

impl Tree {
    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The root word's index (0-based).
    pub fn root(&self) -> Option<usize> {
        self.words.iter().position(|w| w.head == 0)
    }

    /// The head of word `i` (0-based), `None` for the root.
    pub fn head(&self, i: usize) -> Option<usize> {
        self.words.get(i).and_then(|w| w.head.checked_sub(1))
    }

    /// Hangs word `w` on word `head` (0-based indices; `Word::head` counts from 1, 0 being
    /// the root).
    fn set_head(&mut self, w: usize, head: usize) {
        self.words[w].head = head + 1;
    }

    /// Hangs word `w` on word `head` (0-based) with relation `rel`.
    fn hang(&mut self, w: usize, head: usize, rel: &str) {
        self.set_head(w, head);
        self.words[w].deprel = rel.into();
    }

    /// The dependents of word `i` (0-based indices, in order).
    pub fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.words
            .iter()
            .enumerate()
            .filter(move |(_, w)| w.head == i + 1)
            .map(|(j, _)| j)
    }

    /// The dependents of word `i` with relation `deprel` (exact, e.g. `obl:agent`; a bare
    /// relation such as `nsubj` also matches its subtypes).
    pub fn children_by<'a>(
        &'a self,
        i: usize,
        deprel: &'a str,
    ) -> impl Iterator<Item = usize> + 'a {
        self.children(i)
            .filter(move |&j| rel_matches(&self.words[j].deprel, deprel))
    }

    /// All words with relation `deprel` (same matching as [`Tree::children_by`]).
    pub fn by_deprel<'a>(&'a self, deprel: &'a str) -> impl Iterator<Item = usize> + 'a {
        (0..self.words.len()).filter(move |&j| rel_matches(&self.words[j].deprel, deprel))
    }

    /// Repairs the parser's typical reading of a bare weekday after a verb ("X said Tuesday
    /// that …", "confirmed Friday that …", "The leader … Sunday praised …"): the model, trained
    /// on few such dates, hangs it as the verb's subject or object, with the reported clause
    /// ("that it would resume …") under it. The weekday becomes the verb's temporal modifier
    /// (`obl:tmod`), its clauses the verb's (`ccomp`), and an "of" phrase after it ("called a
    /// meeting Wednesday of the Security Council") the preceding object's. Returns whether
    /// anything changed.
    pub fn reattach_weekdays(&mut self) -> bool {
        const DAYS: [&str; 9] = [
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
            "today",
            "yesterday",
        ];
        let mut changed = false;
        for w in 0..self.words.len() {
            let Some(h) = self.head(w) else { continue };
            let word = &self.words[w];
            if !matches!(word.upos.as_str(), "PROPN" | "NOUN")
                || !matches!(word.deprel.as_str(), "nsubj" | "obj" | "iobj" | "xcomp")
                || !DAYS.contains(&word.form.to_lowercase().as_str())
                || self.words[h].upos != "VERB"
                || self
                    .children(w)
                    .any(|k| matches!(self.words[k].deprel.as_str(), "case" | "det"))
            {
                continue;
            }
            // (an object the verb has before the weekday takes an "of" phrase after it)
            let object = self
                .children(h)
                .find(|&o| o < w && self.words[o].deprel == "obj");
            for k in self.children(w).collect::<Vec<_>>() {
                let rel = self.words[k].deprel.clone();
                let of = self
                    .children(k)
                    .any(|c| self.words[c].deprel == "case" && self.words[c].lemma == "of");
                if k > w && matches!(rel.as_str(), "ccomp" | "acl:relcl" | "acl" | "advcl") {
                    self.set_head(k, h);
                    if rel != "advcl" {
                        self.words[k].deprel = "ccomp".into();
                    }
                } else if k > w && rel == "nmod" && of {
                    if let Some(o) = object {
                        self.set_head(k, o);
                    }
                }
            }
            self.words[w].deprel = "obl:tmod".into();
            changed = true;
        }
        changed
    }

    /// Repairs a fronted phrase read as coordinated with the subject after it ("On Wednesday,
    /// French President Emmanuel Macron in Berlin called …", the name hung on "Wednesday" as a
    /// `conj` with no conjunction; or as its apposition: "On Monday, United States Senator from
    /// Vermont Bernie Sanders endorsed …"): a proper noun after a comma, conjoined without
    /// "and"/"or" or apposed to an oblique of a verb that has no subject, is that verb's
    /// subject, and the names listed after it on the fronted phrase are its conjuncts.
    /// Returns whether anything changed.
    pub fn reattach_fronted_subjects(&mut self) -> bool {
        let mut changed = false;
        for w in 0..self.words.len() {
            let Some(h) = self.head(w) else { continue };
            let Some(v) = self.head(h) else { continue };
            // a proper noun listed with (or apposed to) a fronted oblique of the verb
            let listed = matches!(self.words[w].deprel.as_str(), "conj" | "appos")
                && self.words[w].upos == "PROPN"
                && self.words[h].deprel.starts_with("obl")
                && h < w
                && w < v;
            if !listed
                || self.words[v].upos != "VERB"
                || !self
                    .subtree(w)
                    .first()
                    .is_some_and(|&c| self.words[c].form == "," && self.words[c].head == w + 1)
                || self.children(w).any(|k| self.words[k].deprel == "cc")
                || self.children(v).any(|k| {
                    self.words[k].deprel.starts_with("nsubj")
                        || self.words[k].deprel.starts_with("csubj")
                })
            {
                continue;
            }
            self.hang(w, v, "nsubj");
            // the names listed after it on the fronted phrase are the subject's conjuncts ("In
            // late January, Burkina Faso, Mali and Niger withdrew …", "Mali" a second
            // apposition of "January", "Niger" a conjunct of "Mali")
            for x in w + 1..v {
                if self.words[x].head == h + 1
                    && matches!(self.words[x].deprel.as_str(), "conj" | "appos")
                    && self.words[x].upos == "PROPN"
                {
                    self.hang(x, w, "conj");
                    for k in x + 1..v {
                        if self.words[k].head == x + 1 && self.words[k].deprel == "conj" {
                            self.set_head(k, w);
                        }
                    }
                }
            }
            // (the comma before it closes the fronted phrase)
            if let Some(c) = (0..w)
                .rev()
                .find(|&c| self.words[c].head == w + 1 && self.words[c].form == ",")
            {
                self.set_head(c, h);
            }
            changed = true;
        }
        changed
    }

    /// Repairs a "that" clause hung on a nominal after its verb ("saying on the social media
    /// platform X that “Washington …”", the clause read as a relative clause of "X"): a clause
    /// on a nominal, opened by the conjunction "that" (a `mark`, not a relative pronoun), is
    /// the complement of the verb the nominal hangs on when that verb has none. Returns
    /// whether anything changed.
    pub fn reattach_that_clauses(&mut self) -> bool {
        let mut changed = false;
        for cl in 0..self.words.len() {
            if !self.words[cl].deprel.starts_with("acl")
                || !self.children(cl).any(|k| {
                    self.words[k].deprel == "mark"
                        && self.words[k].form.eq_ignore_ascii_case("that")
                })
            {
                continue;
            }
            // the verb above the nominal, through at most three words of an oblique (an
            // object's clause is its content: "rejected the claim that …")
            let mut h = self.head(cl);
            for _ in 0..3 {
                match h {
                    Some(x) if self.words[x].upos != "VERB" => {
                        let rel = self.words[x].deprel.as_str();
                        if !matches!(rel, "obl" | "nmod" | "compound" | "punct" | "flat") {
                            h = None;
                        } else {
                            h = self.head(x);
                        }
                    }
                    _ => break,
                }
            }
            let Some(v) = h.filter(|&v| self.words[v].upos == "VERB" && v < cl) else {
                continue;
            };
            if self
                .children(v)
                .any(|k| matches!(self.words[k].deprel.as_str(), "ccomp" | "csubj"))
            {
                continue;
            }
            self.hang(cl, v, "ccomp");
            changed = true;
        }
        changed
    }

    /// Repairs an adjective before an object read as the verb's open complement ("endorsed
    /// former Vice President Joe Biden" with "former" an `xcomp` and the name an oblique of
    /// it with no preposition): the nominal is the verb's object, the adjective its modifier.
    /// Returns whether anything changed.
    pub fn reattach_adjective_objects(&mut self) -> bool {
        let mut changed = false;
        for a in 0..self.words.len() {
            let Some(v) = self.head(a) else { continue };
            if self.words[a].deprel != "xcomp"
                || self.words[a].upos != "ADJ"
                || self.words[v].upos != "VERB"
                || v > a
                || self
                    .children(v)
                    .any(|k| matches!(self.words[k].deprel.as_str(), "obj" | "ccomp"))
            {
                continue;
            }
            let Some(n) = self.children(a).find(|&k| {
                k > a
                    && self.words[k].deprel == "obl"
                    && matches!(self.words[k].upos.as_str(), "NOUN" | "PROPN")
                    && !self.children(k).any(|j| self.words[j].deprel == "case")
            }) else {
                continue;
            };
            self.hang(n, v, "obj");
            self.hang(a, n, "amod");
            changed = true;
        }
        changed
    }

    /// Repairs a fronted phrase read as the sentence's root ("On Friday, the United States
    /// Department of Transportation announced new restrictions …" read with "Friday" as the
    /// root, "Department" an apposition of it and "announced" a clause on it): a verb hung on
    /// the fronted phrase after its comma as a clause without a subject is the root, the
    /// nominal hung on the phrase between them its subject, the phrase its oblique. Returns
    /// whether anything changed.
    pub fn reattach_fronted_roots(&mut self) -> bool {
        let Some(r) = (0..self.words.len()).find(|&w| self.words[w].head == 0) else {
            return false;
        };
        let word = |k: usize| &self.words[k];
        if !matches!(word(r).upos.as_str(), "NOUN" | "PROPN")
            || word(0).head != r + 1
            || word(0).deprel != "case"
        {
            return false;
        }
        let Some(c) = (r + 1..self.words.len()).find(|&k| word(k).form == ",") else {
            return false;
        };
        let Some(v) = self.children(r).find(|&k| {
            k > c
                && matches!(word(k).deprel.as_str(), "acl" | "acl:relcl")
                && word(k).upos == "VERB"
                && !self.children(k).any(|j| {
                    word(j).deprel.starts_with("nsubj") || word(j).deprel.starts_with("csubj")
                })
        }) else {
            return false;
        };
        let Some(n) = self.children(r).find(|&k| {
            c < k && k < v && matches!(word(k).upos.as_str(), "NOUN" | "PROPN" | "PRON")
        }) else {
            return false;
        };
        let rest: Vec<usize> = self
            .children(r)
            .filter(|&k| k > c && k != n && k != v)
            .collect();
        self.words[v].head = 0;
        self.words[v].deprel = "root".into();
        self.hang(r, v, "obl");
        self.hang(n, v, "nsubj");
        for k in rest {
            self.set_head(k, v);
        }
        true
    }

    /// Repairs a "by" phrase the parser hung on an active verb right after one of the verb's
    /// nominals ("responding to the statement by the Taliban chief"): an active verb has no
    /// agent, so the phrase names the nominal's maker (`nmod`). Returns whether anything
    /// changed.
    pub fn reattach_agents(&mut self) -> bool {
        let mut changed = false;
        for w in 0..self.words.len() {
            let Some(h) = self.head(w) else { continue };
            if self.words[w].deprel != "obl"
                || !matches!(self.words[w].upos.as_str(), "NOUN" | "PROPN")
                || self.words[h].upos != "VERB"
                || self.words[h].xpos == "VBN"
                || self
                    .children(h)
                    .any(|k| self.words[k].deprel.ends_with(":pass"))
            {
                continue;
            }
            let cases: Vec<usize> = self
                .children(w)
                .filter(|&k| self.words[k].deprel == "case")
                .collect();
            let [by] = cases[..] else { continue };
            if self.words[by].lemma.to_lowercase() != "by" {
                continue;
            }
            let first = self.subtree(w)[0];
            let before = self.children(h).find(|&n| {
                n < w
                    && matches!(self.words[n].deprel.as_str(), "obj" | "obl")
                    && self.words[n].upos == "NOUN"
                    && self.subtree(n).last() == Some(&(first - 1))
            });
            if let Some(n) = before {
                self.hang(w, n, "nmod");
                changed = true;
            }
        }
        changed
    }

    /// Word `i` and all its descendants, sorted.
    pub fn subtree(&self, i: usize) -> Vec<usize> {
        let mut out = vec![i];
        let mut k = 0;
        while k < out.len() {
            let h = out[k];
            out.extend(self.children(h));
            k += 1;
        }
        out.sort_unstable();
        out
    }

    /// CoNLL-U lines for this tree (no comments, no trailing blank line); MISC carries
    /// `TokenRange=start:end`, each end of the byte span mapped through `pos` (to character
    /// offsets in the document, say).
    pub fn to_conllu(&self, pos: impl Fn(usize) -> usize) -> String {
        let mut s = String::new();
        for (i, w) in self.words.iter().enumerate() {
            s.push_str(&format!(
                "{}\t{}\t{}\t{}\t{}\t_\t{}\t{}\t_\tTokenRange={}:{}\n",
                i + 1,
                w.form,
                w.lemma,
                w.upos,
                w.xpos,
                w.head,
                w.deprel,
                pos(w.span.0),
                pos(w.span.1)
            ));
        }
        s
    }
}

fn rel_matches(rel: &str, want: &str) -> bool {
    rel == want || (!want.contains(':') && rel.split(':').next() == Some(want))
}

const UPOS: [&str; 17] = [
    "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN",
    "PUNCT", "SCONJ", "SYM", "VERB", "X",
];

const PUNCT_UPOS: u16 = 12;

fn upos_id(u: &str) -> u16 {
    UPOS.iter().position(|x| *x == u).unwrap_or(UPOS.len()) as u16
}

/// Tagger, lemmatiser and parser: load once, share freely (`&Parser` is `Sync`).
pub struct Parser {
    tagger: tagger::Tagger,
    lemmatizer: lemma::Lemmatizer,
    parser: parser::ArcParser,
    /// UPOS id of each tagger class.
    class_upos: Vec<u16>,
    /// The class of a singular proper noun (PROPN, NNP), which a known name's word takes.
    name_class: Option<u16>,
    /// Free text stored with the model (attribution, training command, scores).
    pub info: String,
}

/// Scores of a parser against gold trees (gold tokenisation).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Scores {
    pub words: usize,
    pub upos: f64,
    pub xpos: f64,
    pub lemma: f64,
    pub uas: f64,
    /// Labelled attachment, relations compared without subtypes (as the CoNLL 2018 shared
    /// task's evaluation does).
    pub las: f64,
    /// Labelled attachment with full relations (subtypes must match too).
    pub las_full: f64,
}

static BUNDLED: OnceLock<Result<Parser, SyntaxError>> = OnceLock::new();

/// The bundled English model, compiled into the binary.
static BUNDLED_BYTES: &[u8] = include_bytes!("../../data/syntax/en.model");

impl Parser {
    /// The bundled model, loaded on first use and shared afterwards.
    pub fn bundled() -> Result<&'static Parser, SyntaxError> {
        BUNDLED
            .get_or_init(|| Parser::from_bytes(BUNDLED_BYTES))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Loads a model file.
    pub fn load(path: &Path) -> Result<Parser, SyntaxError> {
        let bytes =
            std::fs::read(path).map_err(|e| SyntaxError::Io(format!("{}: {e}", path.display())))?;
        Parser::from_bytes(&bytes)
            .map_err(|e| SyntaxError::Model(format!("{}: {e}", path.display())))
    }

    /// Reads a model from its bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<Parser, SyntaxError> {
        let bad = |m: String| SyntaxError::Model(m);
        let rest = bytes
            .strip_prefix(MAGIC)
            .ok_or_else(|| bad("not a geokg syntax model (bad magic)".into()))?;
        let nl = rest
            .iter()
            .take(12)
            .position(|&b| b == b'\n')
            .ok_or_else(|| bad("not a geokg syntax model (no format version)".into()))?;
        let version = std::str::from_utf8(&rest[..nl])
            .ok()
            .and_then(|v| v.parse::<u32>().ok())
            .ok_or_else(|| bad("not a geokg syntax model (bad format version)".into()))?;
        if !(1..=2).contains(&version) {
            return Err(bad(format!(
                "unsupported format version {version} (this geokg reads versions 1 and 2)"
            )));
        }
        let rest = &rest[nl + 1..];
        let mut body = Vec::new();
        flate2::read::DeflateDecoder::new(rest)
            .read_to_end(&mut body)
            .map_err(|e| bad(format!("cannot inflate: {e}")))?;
        let mut rd = Reader { buf: &body, pos: 0 };
        let info = rd.str().map_err(bad)?;
        let tagger = tagger::Tagger::read(&mut rd).map_err(bad)?;
        let lemmatizer = lemma::Lemmatizer::read(&mut rd).map_err(bad)?;
        let parser = parser::ArcParser::read(&mut rd, version).map_err(bad)?;
        if rd.pos != body.len() {
            return Err(bad("trailing bytes".into()));
        }
        Ok(Parser::assemble(tagger, lemmatizer, parser, info))
    }

    fn assemble(
        tagger: tagger::Tagger,
        lemmatizer: lemma::Lemmatizer,
        parser: parser::ArcParser,
        info: String,
    ) -> Parser {
        let class_upos = tagger.classes.iter().map(|(u, _)| upos_id(u)).collect();
        let name_class = tagger
            .classes
            .iter()
            .position(|(u, x)| u == "PROPN" && x == "NNP")
            .map(|c| c as u16);
        Parser {
            tagger,
            lemmatizer,
            parser,
            class_upos,
            name_class,
            info,
        }
    }

    /// The model as bytes (magic and format version, then deflate).
    pub fn to_bytes(&self) -> Vec<u8> {
        let version = if self.parser.beam > 1 { 2 } else { 1 };
        let mut body = Vec::new();
        perceptron::put_str(&mut body, &self.info);
        self.tagger.write(&mut body);
        self.lemmatizer.write(&mut body);
        self.parser.write(&mut body, version);
        let mut head = MAGIC.to_vec();
        head.extend_from_slice(format!("{version}\n").as_bytes());
        let mut enc = flate2::write::DeflateEncoder::new(head, flate2::Compression::best());
        enc.write_all(&body).expect("writing to memory");
        enc.finish().expect("writing to memory")
    }

    /// Writes the model file.
    pub fn save(&self, path: &Path) -> Result<(), SyntaxError> {
        std::fs::write(path, self.to_bytes())
            .map_err(|e| SyntaxError::Io(format!("{}: {e}", path.display())))
    }

    /// Drops small weights (quantised magnitude below the given floors) from the tagger, the
    /// transition and the label classifiers.
    pub fn prune(&mut self, tagger_q: i16, trans_q: i16, label_q: i16) {
        self.tagger.model = self.tagger.model.pruned(tagger_q);
        self.parser.trans = self.parser.trans.pruned(trans_q);
        self.parser.labels = self.parser.labels.pruned(label_q);
    }

    /// Beam width of the parser's search (1: greedy).
    pub fn beam(&self) -> usize {
        self.parser.beam
    }

    /// Sets the parser's beam width (at least 1), e.g. to decode a greedy-trained model with a
    /// beam.
    pub fn set_beam(&mut self, width: usize) {
        self.parser.beam = width.clamp(1, parser::MAX_BEAM);
    }

    /// Sets the beam threshold: candidates scoring more than `margin` below the best are
    /// dropped (`f32::INFINITY`: a plain beam; NaN and negative values are ignored).
    pub fn set_beam_margin(&mut self, margin: f32) {
        if margin >= 0.0 {
            self.parser.margin = margin;
        }
    }

    /// Feature and weight counts of the three classifiers (tagger, transitions, labels).
    pub fn sizes(&self) -> [(usize, usize); 3] {
        [
            self.tagger.model.size(),
            self.parser.trans.size(),
            self.parser.labels.size(),
        ]
    }

    /// Tags, lemmatises and parses one sentence of tokens (text and byte span each).
    pub fn parse<S: AsRef<str>>(&self, tokens: &[(S, (usize, usize))]) -> Tree {
        self.parse_known(tokens, None)
    }

    /// Like [`Parser::parse`], where `names[i]` says that token `i` is a word of a name
    /// known beforehand (a gazetteer actor): a word tagged as a function word or a verb there
    /// ("IS" read as the auxiliary, "US" as the pronoun) is tagged a proper noun, so that the
    /// name parses as a nominal.
    pub fn parse_names<S: AsRef<str>>(
        &self,
        tokens: &[(S, (usize, usize))],
        names: &[bool],
    ) -> Tree {
        self.parse_known(tokens, Some(names))
    }

    fn parse_known<S: AsRef<str>>(
        &self,
        tokens: &[(S, (usize, usize))],
        names: Option<&[bool]>,
    ) -> Tree {
        let forms: Vec<&str> = tokens.iter().map(|t| t.0.as_ref()).collect();
        let spans: Vec<(usize, usize)> = tokens.iter().map(|t| t.1).collect();
        self.analyse(&forms, &spans, None, names)
    }

    /// Like [`Parser::parse`] for bare forms (spans count bytes as if joined by spaces).
    pub fn parse_forms(&self, forms: &[&str]) -> Tree {
        let mut spans = Vec::with_capacity(forms.len());
        let mut at = 0;
        for f in forms {
            spans.push((at, at + f.len()));
            at += f.len() + 1;
        }
        self.analyse(forms, &spans, None, None)
    }

    /// Tags (or takes `gold` tag classes) and parses; the model reads [`tokenize::model_form`]s,
    /// the tree keeps the forms as given.
    fn analyse(
        &self,
        given: &[&str],
        spans: &[(usize, usize)],
        gold: Option<&[u16]>,
        names: Option<&[bool]>,
    ) -> Tree {
        let n = given.len();
        if n == 0 {
            return Tree::default();
        }
        let normal: Vec<std::borrow::Cow<str>> =
            given.iter().map(|f| tokenize::model_form(f)).collect();
        let forms: Vec<&str> = normal.iter().map(|f| f.as_ref()).collect();
        let ws: Vec<tagger::WordInfo> = forms.iter().map(|f| tagger::WordInfo::new(f)).collect();
        let tags = match (gold, names.zip(self.name_class)) {
            (Some(g), _) => g.to_vec(),
            (None, Some((names, name))) if names.iter().any(|&b| b) => {
                // a verb, auxiliary or pronoun there is a misreading ("IS", "US", "WHO"); other
                // classes stay ("Islamic" ADJ, "Council" NOUN, "A" of "A spokesman for X")
                let fix = |i: usize, c: u16| {
                    let misread = matches!(
                        UPOS.get(self.class_upos[c as usize] as usize),
                        Some(&("AUX" | "VERB" | "PRON" | "INTJ"))
                    );
                    if names.get(i).copied().unwrap_or(false) && misread {
                        name
                    } else {
                        c
                    }
                };
                self.tagger.tag_fixed(&forms, &ws, Some(&fix))
            }
            (None, _) => self.tagger.tag(&forms, &ws),
        };
        let mut lemmas = Vec::with_capacity(n);
        let mut input = Vec::with_capacity(n);
        for i in 0..n {
            let (upos, _) = &self.tagger.classes[tags[i] as usize];
            let lemma = self.lemmatizer.lemma(forms[i], upos);
            let lh = perceptron::hash_norm_lower(&lemma);
            input.push((
                ws[i].lower,
                lh,
                tags[i],
                self.class_upos[tags[i] as usize],
                ws[i].suf[2],
            ));
            lemmas.push(lemma);
        }
        let x = parser::Input::new(&input, PUNCT_UPOS);
        let (heads, labels) = self.parser.parse(&x);
        let words = (0..n)
            .map(|i| {
                let (upos, xpos) = &self.tagger.classes[tags[i] as usize];
                Word {
                    form: given[i].to_string(),
                    span: spans[i],
                    upos: upos.clone(),
                    xpos: xpos.clone(),
                    lemma: std::mem::take(&mut lemmas[i]),
                    head: heads[i],
                    deprel: self
                        .parser
                        .label_names
                        .get(labels[i] as usize)
                        .cloned()
                        .unwrap_or_else(|| "dep".to_string()),
                }
            })
            .collect();
        Tree { words }
    }

    /// Scores on gold trees with gold tokenisation and predicted tags.
    pub fn evaluate(&self, gold: &[GoldSentence]) -> Scores {
        self.evaluate_with(gold, false)
    }

    /// Scores on gold trees; with `gold_tags`, the parser reads the gold tags (an upper bound
    /// for tuning).
    pub fn evaluate_with(&self, gold: &[GoldSentence], gold_tags: bool) -> Scores {
        use rayon::prelude::*;
        let per: Vec<[usize; 7]> = gold
            .par_iter()
            .map(|s| {
                let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
                let spans: Vec<(usize, usize)> = (0..forms.len()).map(|i| (i, i + 1)).collect();
                let g: Vec<u16> = s
                    .words
                    .iter()
                    .map(|w| {
                        self.tagger
                            .classes
                            .iter()
                            .position(|c| c.0 == w.upos && c.1 == w.xpos)
                            .unwrap_or(0) as u16
                    })
                    .collect();
                let t = self.analyse(&forms, &spans, gold_tags.then_some(g.as_slice()), None);
                let mut c = [0usize; 7];
                for (p, g) in t.words.iter().zip(&s.words) {
                    c[0] += 1;
                    c[1] += (p.upos == g.upos) as usize;
                    c[2] += (p.xpos == g.xpos) as usize;
                    c[3] += (p.lemma == g.lemma) as usize;
                    let h = p.head == g.head;
                    c[4] += h as usize;
                    c[5] += (h && p.deprel == g.deprel) as usize;
                    c[6] +=
                        (h && p.deprel.split(':').next() == g.deprel.split(':').next()) as usize;
                }
                c
            })
            .collect();
        let mut c = [0usize; 7];
        for p in per {
            for (a, b) in c.iter_mut().zip(p) {
                *a += b;
            }
        }
        let r = |k: usize| c[k] as f64 / c[0].max(1) as f64;
        Scores {
            words: c[0],
            upos: r(1),
            xpos: r(2),
            lemma: r(3),
            uas: r(4),
            las: r(6),
            las_full: r(5),
        }
    }
}

/// A small deterministic random generator (xorshift64*), for shuffling and exploration.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(perceptron::fin(seed ^ 0x5EED_5EED_5EED_5EED) | 1)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Parser;

    fn tokens(text: &str) -> Vec<(String, (usize, usize))> {
        super::tokenize(text)
            .into_iter()
            .map(|t| (t.text, (t.start, t.end)))
            .collect()
    }

    fn parse(text: &str) -> super::Tree {
        Parser::bundled().unwrap().parse(&tokens(text))
    }

    fn find(tree: &super::Tree, form: &str) -> usize {
        tree.words.iter().position(|w| w.form == form).unwrap()
    }

    #[test]
    fn a_known_name_is_tagged_a_proper_noun() {
        // voa-8011115: "IS" (Islamic State) reads as the auxiliary unless known as a name
        let text = "More recently, in December, U.S. forces carried out a series of airstrikes against IS in Syria.";
        let toks = tokens(text);
        let parser = Parser::bundled().unwrap();
        let plain = parser.parse(&toks);
        assert_eq!(plain.words[find(&plain, "IS")].upos, "AUX");
        let names: Vec<bool> = toks.iter().map(|t| t.0 == "IS").collect();
        let known = parser.parse_names(&toks, &names);
        let is = find(&known, "IS");
        assert_eq!(known.words[is].upos, "PROPN");
        assert_ne!(known.words[is].deprel, "cop");
        // a name's word of a nominal class keeps its tag ("U.S." stays as it was)
        let names: Vec<bool> = toks.iter().map(|t| t.0 == "U.S.").collect();
        assert_eq!(parser.parse_names(&toks, &names), plain);
    }

    #[test]
    fn a_weekday_read_as_subject_or_object_becomes_the_verbs_time() {
        // voa-8008456: "Tuesday" read as a second subject of "said", the reported clause hung
        // on it as a relative clause
        let mut tree = parse("Following the announcement of the ceasefire agreement, the United States said Tuesday that it would resume cooperation with Ukraine.");
        let (said, day, resume) = (
            find(&tree, "said"),
            find(&tree, "Tuesday"),
            find(&tree, "resume"),
        );
        assert!(tree.reattach_weekdays());
        assert_eq!(tree.words[day].deprel, "obl:tmod");
        assert_eq!(tree.head(day), Some(said));
        assert_eq!(tree.head(resume), Some(said));
        assert_eq!(tree.words[resume].deprel, "ccomp");
        // "on Monday" is left alone
        let mut tree = parse("Russia said on Monday that it would resume talks.");
        assert!(!tree.reattach_weekdays());
    }

    #[test]
    fn a_fronted_phrase_read_as_the_root_gives_way_to_the_verb() {
        // wikinews US announces restrictions on flying to Cuba: "Friday" read as the root,
        // "Department" its apposition, "announced" a clause on it
        let mut tree = parse(
            "On Friday, the United States Department of Transportation announced new restrictions on flights to Cuba.",
        );
        let (friday, department, announced) = (
            find(&tree, "Friday"),
            find(&tree, "Department"),
            find(&tree, "announced"),
        );
        assert!(tree.reattach_fronted_roots());
        assert_eq!(tree.head(announced), None);
        assert_eq!(tree.head(department), Some(announced));
        assert_eq!(tree.words[department].deprel, "nsubj");
        assert_eq!(tree.head(friday), Some(announced));
        // a sentence whose verb is the root is left alone
        let mut tree = parse("On Friday, the department announced new restrictions.");
        assert!(!tree.reattach_fronted_roots());
    }

    #[test]
    fn a_name_conjoined_to_a_fronted_phrase_is_the_verbs_subject() {
        // voa: "Macron" read as a conjunct of "Wednesday", "called" left without a subject
        let mut tree = parse(
            "On Wednesday, French President Emmanuel Macron in Berlin called Chinese subsidies \"unbearable.\"",
        );
        let (called, macron) = (find(&tree, "called"), find(&tree, "Emmanuel"));
        assert!(tree.reattach_fronted_subjects());
        assert_eq!(tree.head(macron), Some(called));
        assert_eq!(tree.words[macron].deprel, "nsubj");
        // a real list is left alone
        let mut tree = parse("On Wednesday and Thursday, Macron called Chinese subsidies unfair.");
        assert!(!tree.reattach_fronted_subjects());
    }

    #[test]
    fn a_name_apposed_to_a_fronted_phrase_is_the_verbs_subject() {
        // wikinews "Bernie Sanders endorses Joe Biden": "Senator" read as an apposition of
        // "Monday"; "former" read as an open complement with the name an oblique of it
        let mut tree = parse(
            "On Monday, United States Senator from Vermont Bernie Sanders endorsed former Vice President Joe Biden for president.",
        );
        let (endorsed, senator, joe) = (
            find(&tree, "endorsed"),
            find(&tree, "Senator"),
            find(&tree, "Joe"),
        );
        tree.reattach_fronted_subjects();
        assert_eq!(tree.head(senator), Some(endorsed));
        assert_eq!(tree.words[senator].deprel, "nsubj");
        tree.reattach_adjective_objects();
        assert_eq!(tree.head(joe), Some(endorsed));
        assert_eq!(tree.words[joe].deprel, "obj");
        // voa-8008619: a list of names apposed to the fronted date is the subject and its
        // conjuncts
        let mut tree = parse(
            "In late January, Burkina Faso, Mali and Niger withdrew from ECOWAS and created a confederation known as the Alliance of Sahel States, after a yearlong dispute with the bloc.",
        );
        let (withdrew, faso, mali, niger) = (
            find(&tree, "withdrew"),
            find(&tree, "Faso"),
            find(&tree, "Mali"),
            find(&tree, "Niger"),
        );
        assert!(tree.reattach_fronted_subjects());
        assert_eq!(tree.head(faso), Some(withdrew));
        assert_eq!(tree.words[faso].deprel, "nsubj");
        for c in [mali, niger] {
            assert_eq!(tree.head(c), Some(faso));
            assert_eq!(tree.words[c].deprel, "conj");
        }
        // a verb with an object of its own keeps its complement
        let mut tree = parse("They painted the house red.");
        assert!(!tree.reattach_adjective_objects());
    }

    #[test]
    fn a_that_clause_hung_on_an_oblique_is_the_verbs_complement() {
        // voa-8009004: "X" (the platform) read as punctuation, the reported clause hung on it
        let mut tree = parse(
            "His U.N. mission criticized it, saying on the social media platform X that \u{201c}Washington openly seeks to weaponize the UNSC.\u{201d}",
        );
        let (saying, seeks) = (find(&tree, "saying"), find(&tree, "seeks"));
        assert!(tree.reattach_that_clauses());
        assert_eq!(tree.head(seeks), Some(saying));
        assert_eq!(tree.words[seeks].deprel, "ccomp");
        // an object's clause is its content
        let mut tree =
            parse("Kabul rejected the claim that the attack was planned in Afghanistan.");
        assert!(!tree.reattach_that_clauses());
    }

    #[test]
    fn a_by_phrase_on_an_active_verb_goes_to_the_nominal_before_it() {
        // voa-6205629
        let mut tree = parse("A spokesman for Afghan President Ashraf Ghani rejected the accusations while responding to the statement by the Taliban chief.");
        let (statement, chief) = (find(&tree, "statement"), find(&tree, "chief"));
        assert!(tree.reattach_agents());
        assert_eq!(tree.head(chief), Some(statement));
        assert_eq!(tree.words[chief].deprel, "nmod");
        // a passive keeps its agent
        let mut tree = parse("The statement was issued by the Taliban chief.");
        assert!(!tree.reattach_agents());
    }
}
