"""docgen: Vietnamese official plans (Kế hoạch) as Decree-30 Word documents."""
