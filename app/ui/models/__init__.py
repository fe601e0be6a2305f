"""Qt item models over store results: named columns, custom roles, tested without widgets."""
