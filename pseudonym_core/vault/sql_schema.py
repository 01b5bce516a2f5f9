"""Tables of the SQL vault (same layout as the SQLite file vault, named with a configurable prefix).

Every row is keyed by hashes (vault/keyring.py): `h` names the session, `okey`/`skey` the
casefolded original/surrogate; the two unique constraints are what make a mapping unique both
ways even if two processes raced. `seq` ties rows to the session counter for the change feed.
"""

from __future__ import annotations

from typing import Any


class Schema:
    def __init__(self, prefix: str) -> None:
        import sqlalchemy as sa

        self.metadata = sa.MetaData()
        blob, h = sa.LargeBinary, sa.LargeBinary(16)
        self.meta = sa.Table(
            f"{prefix}vault_meta",
            self.metadata,
            sa.Column("k", sa.String(16), primary_key=True),
            sa.Column("v", blob, nullable=False),
        )
        self.sessions = sa.Table(
            f"{prefix}sessions",
            self.metadata,
            sa.Column("h", h, primary_key=True),
            sa.Column("seq", sa.BigInteger, nullable=False),
            sa.Column("base", sa.BigInteger, nullable=False),
            sa.Column("meta", blob, nullable=False),
            sa.Column("ttl", sa.Float, nullable=True),
            sa.Column("expires_at", sa.Float, nullable=True, index=True),
        )
        self.mappings = sa.Table(
            f"{prefix}mappings",
            self.metadata,
            sa.Column("h", h, nullable=False),
            sa.Column("okey", h, nullable=False),
            sa.Column("skey", h, nullable=False),
            sa.Column("seq", sa.BigInteger, nullable=False),
            sa.Column("pos", sa.Integer, nullable=False),
            sa.Column("payload", blob, nullable=False),
            sa.PrimaryKeyConstraint("h", "okey"),
            sa.UniqueConstraint("h", "skey"),
            sa.Index(f"{prefix}mappings_feed", "h", "seq"),
        )
        self.extras = sa.Table(
            f"{prefix}extras",
            self.metadata,
            sa.Column("h", h, nullable=False),
            sa.Column("seq", sa.BigInteger, nullable=False),
            sa.Column("payload", blob, nullable=False),
            sa.PrimaryKeyConstraint("h", "seq"),
        )

    def kid_for_share(self, exclusive: bool = False) -> Any:
        """The key id, locked against a concurrent rekey (PostgreSQL; SQLite locks the whole file)."""
        import sqlalchemy as sa

        return sa.select(self.meta.c.v).where(self.meta.c.k == "kid").with_for_update(read=not exclusive)

    @staticmethod
    def insert_ignore(dialect: str, table: Any) -> Any:
        """INSERT … ON CONFLICT DO NOTHING in the dialect's own syntax."""
        if dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        else:
            from sqlalchemy.dialects.sqlite import insert
        return insert(table).on_conflict_do_nothing()
