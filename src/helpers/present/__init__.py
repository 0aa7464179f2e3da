"""Presentation: wording shared by pages and charts, HTML, charts, Arabic text layout, fonts."""
