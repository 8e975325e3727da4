// Live updates: the page's [data-events] URL streams server-sent events
// whose patches replace elements by id with HTML the server rendered (and
// escaped). Without this script the pages still work; they just do not
// move on their own.
(function () {
  "use strict";
  var root = document.querySelector("[data-events]");
  if (!root || !window.EventSource) { return; }
  var status = document.getElementById("live-status");
  var say = function (text) { if (status) { status.textContent = text; } };
  var source = new EventSource(root.getAttribute("data-events"));
  source.addEventListener("open", function () { say("Live"); });
  source.addEventListener("error", function () { say("Reconnecting…"); });
  source.addEventListener("update", function (e) {
    var msg = JSON.parse(e.data);
    msg.patches.forEach(function (p) {
      var old = document.getElementById(p.id);
      if (!old) { return; }
      var t = document.createElement("template");
      t.innerHTML = p.html;
      old.replaceWith(t.content);
    });
    // Not announced: a busy relay would have the screen reader talk
    // four times a second.
    document.body.setAttribute("data-version", String(msg.version));
  });
}());
