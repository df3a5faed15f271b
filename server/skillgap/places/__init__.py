"""Place names, as data (GeoNames): the lookup the job page reader and the resume reader ask."""
