// Progressive enhancement: the programme gives every time in the event's own time zone; this
// adds the reader's local time beside it. Without JavaScript the page is complete.
(function () {
  "use strict";
  var lang = document.documentElement.lang || undefined;
  var format = new Intl.DateTimeFormat(lang, {
    weekday: "short", hour: "2-digit", minute: "2-digit", timeZoneName: "short"
  });
  var readerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  document.querySelectorAll("[data-local-time]").forEach(function (element) {
    var eventZone = element.getAttribute("data-event-zone");
    if (readerZone === eventZone) { return; }
    var start = new Date(element.getAttribute("data-start"));
    var end = new Date(element.getAttribute("data-end"));
    if (isNaN(start) || isNaN(end)) { return; }
    var label = element.getAttribute("data-label");
    var endFormat = new Intl.DateTimeFormat(lang, { hour: "2-digit", minute: "2-digit" });
    element.textContent = label + " " + format.format(start) + " – " + endFormat.format(end);
    element.hidden = false;
  });
})();
