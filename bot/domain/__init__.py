"""Domain rules as plain Python: no aiogram, no SQL. Unit-tested directly."""
