//! Normalise: each claim's values turned into forms that compare.

pub mod text;
