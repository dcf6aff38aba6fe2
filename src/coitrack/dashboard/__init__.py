"""The customizable dashboard: each member's widgets, the organization's default layout, and the
daily compliance snapshots the "compliance rate over time" widget draws."""
