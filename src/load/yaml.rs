//! A YAML document as a tree of [`Node`]s that each keep the line and column they were read at.
//!
//! `yaml-rust2`'s event parser does the YAML; this module only builds the tree, and bounds it:
//! nesting depth, and the number of nodes that aliases may expand to (an "alias bomb" such as the
//! billion-laughs document would otherwise grow without limit).

use std::collections::HashMap;

use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// Deepest nesting of sequences and mappings a corpus file may have.
pub const MAX_DEPTH: usize = 64;
/// Most nodes one file may hold once its aliases are expanded.
pub const MAX_NODES: usize = 2_000_000;

/// A position in a text file: 1-based line and column, the column counted in characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Position {
    pub line: u32,
    pub column: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub value: NodeValue,
    pub at: Position,
}

#[derive(Clone, Debug, PartialEq)]
pub enum NodeValue {
    /// A scalar as written; `quoted` is false for plain scalars, whose type YAML infers.
    Scalar {
        text: String,
        quoted: bool,
    },
    Sequence(Vec<Node>),
    /// Entries in document order, keys as nodes so that each keeps its position.
    Mapping(Vec<(Node, Node)>),
}

impl Node {
    /// The scalar's text, when this node is a scalar.
    pub fn as_scalar(&self) -> Option<&str> {
        match &self.value {
            NodeValue::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    /// A plain (unquoted) `~`, `null` or empty scalar.
    pub fn is_null(&self) -> bool {
        matches!(&self.value, NodeValue::Scalar { text, quoted: false }
            if matches!(text.as_str(), "" | "~" | "null" | "Null" | "NULL"))
    }

    /// What kind of YAML value this is, for error messages.
    pub fn type_name(&self) -> &'static str {
        match &self.value {
            NodeValue::Scalar { .. } if self.is_null() => "an empty value",
            NodeValue::Scalar { .. } => "a scalar",
            NodeValue::Sequence(_) => "a list",
            NodeValue::Mapping(_) => "a mapping",
        }
    }
}

/// Why a file could not be read as YAML, and where.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    pub at: Position,
    pub message: String,
}

/// Parses `text` into the node of its single document; `None` for a file with no document.
pub fn parse(text: &str) -> Result<Option<Node>, SyntaxError> {
    let mut builder = TreeBuilder::default();
    let mut parser = Parser::new_from_str(text);
    loop {
        let (event, mark) = parser.next_token().map_err(|e| SyntaxError {
            at: position(e.marker()),
            message: e.info().to_string(),
        })?;
        match event {
            Event::StreamEnd => break,
            Event::DocumentStart if builder.documents > 0 => {
                return Err(SyntaxError {
                    at: position(&mark),
                    message: "a corpus file holds one YAML document; remove the second `---`"
                        .into(),
                });
            }
            Event::DocumentStart => builder.documents += 1,
            other => builder.push(other, position(&mark))?,
        }
    }
    Ok(builder.root)
}

fn position(mark: &Marker) -> Position {
    Position {
        line: u32::try_from(mark.line()).unwrap_or(u32::MAX),
        column: u32::try_from(mark.col() + 1).unwrap_or(u32::MAX),
    }
}

/// Assembles nodes from parser events with an explicit stack, so that no input can overflow
/// the call stack.
#[derive(Default)]
struct TreeBuilder {
    documents: usize,
    /// Open sequences and mappings, with their anchor and, for mappings, a key awaiting its value.
    open: Vec<(Node, usize, Option<Node>)>,
    anchors: HashMap<usize, Node>,
    nodes: usize,
    root: Option<Node>,
}

impl TreeBuilder {
    fn push(&mut self, event: Event, at: Position) -> Result<(), SyntaxError> {
        match event {
            Event::Scalar(text, style, anchor, _) => {
                let quoted = !matches!(style, TScalarStyle::Plain);
                self.count(1, at)?;
                self.complete(
                    Node {
                        value: NodeValue::Scalar { text, quoted },
                        at,
                    },
                    anchor,
                );
            }
            Event::SequenceStart(anchor, _) => {
                self.open(NodeValue::Sequence(Vec::new()), anchor, at)?
            }
            Event::MappingStart(anchor, _) => {
                self.open(NodeValue::Mapping(Vec::new()), anchor, at)?
            }
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some((node, anchor, _)) = self.open.pop() {
                    self.complete(node, anchor);
                }
            }
            Event::Alias(id) => {
                let Some(target) = self.anchors.get(&id) else {
                    return Err(SyntaxError {
                        at,
                        message: "alias to an unknown anchor".into(),
                    });
                };
                let mut copy = target.clone();
                self.count(size(&copy), at)?;
                copy.at = at;
                self.complete(copy, 0);
            }
            _ => {}
        }
        Ok(())
    }

    fn open(&mut self, value: NodeValue, anchor: usize, at: Position) -> Result<(), SyntaxError> {
        if self.open.len() >= MAX_DEPTH {
            return Err(SyntaxError {
                at,
                message: format!("values are nested more than {MAX_DEPTH} levels deep"),
            });
        }
        self.count(1, at)?;
        self.open.push((Node { value, at }, anchor, None));
        Ok(())
    }

    fn count(&mut self, added: usize, at: Position) -> Result<(), SyntaxError> {
        self.nodes = self.nodes.saturating_add(added);
        if self.nodes > MAX_NODES {
            return Err(SyntaxError {
                at,
                message: format!(
                    "the file expands to more than {MAX_NODES} values (aliases repeat what they point to)"
                ),
            });
        }
        Ok(())
    }

    /// Attaches a finished node to its parent, or makes it the document's root.
    fn complete(&mut self, node: Node, anchor: usize) {
        if anchor != 0 {
            self.anchors.insert(anchor, node.clone());
        }
        match self.open.last_mut() {
            None => self.root = Some(node),
            Some((parent, _, pending_key)) => match &mut parent.value {
                NodeValue::Sequence(items) => items.push(node),
                NodeValue::Mapping(entries) => match pending_key.take() {
                    None => {
                        // A block mapping's start event is marked at its first value; point at
                        // its first key instead.
                        if entries.is_empty() {
                            parent.at = node.at;
                        }
                        *pending_key = Some(node);
                    }
                    Some(key) => entries.push((key, node)),
                },
                NodeValue::Scalar { .. } => unreachable!("only collections are opened"),
            },
        }
    }
}

/// The number of nodes in a tree, counted without recursion.
fn size(node: &Node) -> usize {
    let mut count = 0;
    let mut stack = vec![node];
    while let Some(node) = stack.pop() {
        count += 1;
        match &node.value {
            NodeValue::Scalar { .. } => {}
            NodeValue::Sequence(items) => stack.extend(items),
            NodeValue::Mapping(entries) => stack.extend(entries.iter().flat_map(|(k, v)| [k, v])),
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_positions_of_keys_and_values() {
        let root = parse("source:\n  id: gate\n  outlet: \"Gate\"\n")
            .unwrap()
            .unwrap();
        let NodeValue::Mapping(top) = &root.value else {
            panic!("mapping expected")
        };
        let (key, value) = &top[0];
        assert_eq!(key.at, Position { line: 1, column: 1 });
        let NodeValue::Mapping(inner) = &value.value else {
            panic!("mapping expected")
        };
        assert_eq!(inner[1].0.at, Position { line: 3, column: 3 });
        assert_eq!(
            inner[1].1.at,
            Position {
                line: 3,
                column: 11
            }
        );
        assert_eq!(
            inner[1].1.value,
            NodeValue::Scalar {
                text: "Gate".into(),
                quoted: true
            }
        );
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let root = parse("é: [ü, x]\n").unwrap().unwrap();
        let NodeValue::Mapping(top) = &root.value else {
            panic!()
        };
        let NodeValue::Sequence(items) = &top[0].1.value else {
            panic!()
        };
        assert_eq!(items[1].at, Position { line: 1, column: 8 });
    }

    #[test]
    fn empty_text_has_no_document() {
        assert_eq!(parse("").unwrap(), None);
        assert_eq!(parse("# only a comment\n").unwrap(), None);
    }

    #[test]
    fn alias_bomb_is_refused() {
        let mut doc = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            doc.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        let error = parse(&doc).unwrap_err();
        assert!(error.message.contains("expands to more than"), "{error:?}");
    }

    #[test]
    fn deep_nesting_is_refused_without_overflow() {
        let doc = "[".repeat(100_000);
        assert!(parse(&doc).is_err());
        let block: String = (0..200)
            .map(|i| format!("{}- \n", "  ".repeat(i)))
            .collect();
        let error = parse(&block).unwrap_err();
        assert!(error.message.contains("nested"), "{error:?}");
    }

    #[test]
    fn second_document_is_refused() {
        let error = parse("a: 1\n---\nb: 2\n").unwrap_err();
        assert_eq!(error.at.line, 2);
    }
}
