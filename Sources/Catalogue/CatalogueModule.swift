/// The on-disk catalogue: manifest, snapshots, history, refresh. (Filled in by issue 7.)
enum CatalogueModule {}
