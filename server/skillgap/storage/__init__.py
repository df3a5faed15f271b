"""PostgreSQL storage: the pool, versioned migrations, and one repository per aggregate."""
