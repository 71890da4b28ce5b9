// This target's tests arrive with its implementation; see the open issues.
