"""vaultnet's packaged report templates (`ru/`, `en/`); installed as `vaultnet.templates`."""
