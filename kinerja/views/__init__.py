"""HTML pages of the kinerja cycle (Kinerja I: PK, cascade, strategy, plans, role matrix,
"kinerja saya"), one module per area; thin, over ``kinerja.services`` and selectors."""
