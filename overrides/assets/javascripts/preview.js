/* The live preview only (scripts/serve.py, `mkdocs serve`): reload the page once the site is
 * rebuilt after an edit. MkDocs' server puts its own reload script, inline and different on
 * every response, before the page's last </body>; the page's Content-Security-Policy allows
 * no inline script the templates do not write, so the plugin ends every preview page with a
 * comment that holds that </body> (scripts/casekit/plugin/private_api.py). The server's script
 * lands in the comment, as text that never runs; this file reads its two numbers (the build
 * the page shows, and the page's request) and asks the server, as that script would, to answer
 * once a newer build is ready. */
(function () {
  "use strict";
  var found = null;
  for (var node = document.lastChild; node && !found; node = node.previousSibling) {
    if (node.nodeType === Node.COMMENT_NODE) found = /livereload\((\d+), (\d+)\);/.exec(node.data);
  }
  if (!found) return;
  var epoch = Number(found[1]), id = found[2], request = null, timer = null;

  function poll() {
    if (request) return;
    request = new XMLHttpRequest();
    request.onloadend = function () {
      var answered = this.status === 200;
      request = null;
      if (answered && parseFloat(this.responseText) > epoch) {
        location.reload();
      } else if (document.visibilityState === "visible" && !this.stopped) {
        timer = setTimeout(poll, answered ? 0 : 3000);
      }
    };
    request.open("GET", "/livereload/" + epoch + "/" + id);
    request.send();
  }

  function stop() {
    clearTimeout(timer);
    if (request) {
      request.stopped = true;
      request.abort();
    }
  }

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") poll(); else stop();
  });
  window.addEventListener("beforeunload", stop);
  if (document.visibilityState === "visible") poll();
})();
