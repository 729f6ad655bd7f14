"""Spreadsheets: the one reader of .xlsx/.csv tables, tables pasted from Excel, the register's sheet."""
