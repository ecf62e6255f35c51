//! Normalise: each claim's values turned into forms that compare.

pub mod calendar;
pub mod codes;
pub mod concepts;
pub mod date;
pub mod names;
pub mod numeric_date;
pub mod people;
pub mod quantity;
pub mod stems;
pub mod text;
pub mod value;
