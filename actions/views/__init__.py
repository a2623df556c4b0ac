"""Pages of the plan d'action: the plan, the fiche-action and their edit forms."""
