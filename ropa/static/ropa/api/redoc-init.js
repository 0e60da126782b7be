// Starts Redoc on the schema the page names (templates/drf_spectacular/redoc.html); kept out of the page for the CSP.
"use strict";
(function () {
  var container = document.getElementById("redoc-container");
  Redoc.init(container.dataset.schemaUrl, {}, container);
})();
