/* The last of the site's own scripts (casekit/script_order.py runs them, deferred, in the order
 * the templates write them, before the theme's): once it runs, every control of the site works
 * (the catalogue's filters, search, copy and share). <html data-ready> says so, for
 * scripts/bench.py's time to interactive and for tests. */
document.documentElement.setAttribute("data-ready", "");
