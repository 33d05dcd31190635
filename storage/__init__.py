"""Persistence: SQLAlchemy models, repositories (the only place SQL lives), migrations, FSM storage."""
