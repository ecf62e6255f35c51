//! Disjoint sets (union-find): which items have been joined, directly or through others.

/// A forest of sets over the items `0..n`; each set is named by its smallest member.
pub struct DisjointSets {
    parent: Vec<usize>,
}

impl DisjointSets {
    /// `n` items, each in a set of its own.
    pub fn new(n: usize) -> Self {
        Self {
            parent: (0..n).collect(),
        }
    }

    /// The smallest member of `i`'s set (paths are halved on the way).
    pub fn find(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    /// Joins the sets of `a` and `b`.
    pub fn join(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            self.parent[ra.max(rb)] = ra.min(rb);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joined_items_share_the_smallest_member() {
        let mut sets = DisjointSets::new(6);
        sets.join(4, 2);
        sets.join(2, 5);
        sets.join(1, 3);
        assert_eq!((sets.find(4), sets.find(5), sets.find(2)), (2, 2, 2));
        assert_eq!((sets.find(3), sets.find(1)), (1, 1));
        assert_eq!(sets.find(0), 0);
        sets.join(5, 0);
        assert_eq!(sets.find(4), 0);
        assert_ne!(sets.find(1), sets.find(4));
    }
}
