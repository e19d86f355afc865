/*
 * Host script for embedded Met breaches charts. Paste it once with the
 * iframe snippet from the site's /charts/ page; it keeps every iframe that
 * carries data-met-breaches-embed exactly as tall as the chart inside it.
 *
 * Plain ES5, no dependencies, served as it is (public/). The message format
 * is src/lib/embed-protocol.ts; test/embed-build.test.ts checks that the
 * constants below agree with it.
 *
 * A height is accepted only when all of these hold:
 * - it comes from the contentWindow of one of our iframes (event.source);
 * - it comes from our site's origin (event.origin), which is the origin of
 *   this script's own address, so the check follows SITE_URL and BASE_PATH;
 *   the iframe's own address must be on that origin too;
 * - it is our message type, for the chart that iframe shows;
 * - the height is a finite number between 50 and 10000 px.
 * Anything else is ignored, so no other frame or site can resize the host's
 * iframes.
 */
(function () {
  "use strict";

  var ATTRIBUTE = "data-met-breaches-embed";
  var HEIGHT_MESSAGE = "met-breaches:height";
  var HEIGHT_REQUEST_MESSAGE = "met-breaches:request-height";
  var MIN_HEIGHT = 50;
  var MAX_HEIGHT = 10000;

  function originOf(url) {
    try {
      return new URL(url, document.baseURI).origin;
      // eslint-disable-next-line @typescript-eslint/no-unused-vars -- ES5 has no catch without a binding
    } catch (error) {
      return null;
    }
  }

  // Read while the script runs: document.currentScript is only set then.
  var script = document.currentScript;
  var siteOrigin = script && script.src ? originOf(script.src) : null;

  // The snippet may be pasted several times; one listener per site is enough.
  var flag = "__metBreachesEmbed:" + (siteOrigin || "");
  if (window[flag]) return;
  window[flag] = true;

  /** The origin an iframe's messages must come from, or null when it is not one of ours. */
  function expectedOrigin(iframe) {
    var frameOrigin = originOf(iframe.getAttribute("src") || "");
    if (!frameOrigin || frameOrigin === "null") return null;
    // Without a known script address (a very old browser), trust only the iframe's own origin.
    if (siteOrigin && frameOrigin !== siteOrigin) return null;
    return frameOrigin;
  }

  function ourIframes() {
    return document.querySelectorAll("iframe[" + ATTRIBUTE + "]");
  }

  function isValidHeight(height) {
    return typeof height === "number" && isFinite(height) && height >= MIN_HEIGHT && height <= MAX_HEIGHT;
  }

  function onMessage(event) {
    var data = event.data;
    if (!data || typeof data !== "object" || data.type !== HEIGHT_MESSAGE || !isValidHeight(data.height)) return;
    var iframes = ourIframes();
    for (var i = 0; i < iframes.length; i++) {
      var iframe = iframes[i];
      if (iframe.contentWindow !== event.source) continue;
      if (event.origin !== expectedOrigin(iframe)) return;
      var chart = iframe.getAttribute(ATTRIBUTE);
      if (chart && data.chart !== chart) return;
      iframe.style.height = Math.ceil(data.height) + "px";
      return;
    }
  }

  /** Embeds that loaded before this script (it is async) have already sent their height: ask again. */
  function requestHeights() {
    var iframes = ourIframes();
    for (var i = 0; i < iframes.length; i++) {
      var origin = expectedOrigin(iframes[i]);
      if (origin && iframes[i].contentWindow) {
        iframes[i].contentWindow.postMessage({ type: HEIGHT_REQUEST_MESSAGE }, origin);
      }
    }
  }

  window.addEventListener("message", onMessage, false);
  requestHeights();
})();
