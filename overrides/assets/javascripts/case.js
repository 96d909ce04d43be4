/* A case page: copy its citation, share its address (the system's share sheet where there is
 * one, else the address is copied). The buttons are hidden until this script shows them, so
 * without JavaScript or a clipboard the page offers nothing that does not work. */
(function () {
  "use strict";
  var status = document.getElementById("case-copy-status");
  if (!navigator.clipboard && !navigator.share) return;

  function done(button) {
    var label = button.textContent;
    button.textContent = button.getAttribute("data-done");
    if (status) status.textContent = button.getAttribute("data-done");
    setTimeout(function () { button.textContent = label; }, 2000);
  }

  function copy(text, button) {
    if (!navigator.clipboard) return;
    navigator.clipboard.writeText(text).then(function () { done(button); });
  }

  document.querySelectorAll(".case-copy").forEach(function (button) {
    if (!navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      // within the button's own section of the template: nothing in the page's prose can stand for it
      var section = button.closest(".case-cite");
      var source = section && section.querySelector(button.getAttribute("data-copy"));
      if (source) copy(source.textContent.trim(), button);
    });
  });

  document.querySelectorAll(".case-share").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var url = button.getAttribute("data-url");
      if (navigator.share) {
        navigator.share({ title: button.getAttribute("data-title"), url: url }).catch(function () {});
      } else {
        copy(url, button);
      }
    });
  });
})();
