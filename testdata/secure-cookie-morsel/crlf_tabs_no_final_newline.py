# CRLF endings, tabs, no final newline: the new line follows its neighbour.
from http.cookies import SimpleCookie


def f(v):
	c = SimpleCookie()
	c["k"] = v  # why
	return c.output()


d = SimpleCookie()
print(d.output())  # the cookie is set after, as far as the rule reads
d["k"] = 1