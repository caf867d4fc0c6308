/* SIRHP — ID photo page: show the chosen picture, frame it with a box of
   fixed ratio 7:9 (35 x 45 mm), optionally take it with the camera.
   Sends the box in pixels of the original picture ("x,y,w,h"); the server
   checks and crops (sirhp.content.badges). No library, ~4 KB. */
(function () {
  "use strict";
  var RATIO = 7 / 9;
  var input = document.getElementById("photo-file");
  if (!input) { return; }
  var area = document.getElementById("crop-area");
  var stage = document.getElementById("crop-stage");
  var img = document.getElementById("crop-image");
  var box = document.getElementById("crop-box");
  var handle = document.getElementById("crop-handle");
  var field = document.getElementById("crop");
  var rect = { x: 0, y: 0, w: 0 }; // displayed pixels; height = w / RATIO

  function scale() { return img.naturalWidth / img.clientWidth; }
  function clamp() {
    var W = img.clientWidth, H = img.clientHeight;
    rect.w = Math.max(40, Math.min(rect.w, W, H * RATIO));
    var h = rect.w / RATIO;
    rect.x = Math.max(0, Math.min(rect.x, W - rect.w));
    rect.y = Math.max(0, Math.min(rect.y, H - h));
  }
  function draw() {
    clamp();
    var h = rect.w / RATIO, s = scale();
    box.style.left = rect.x + "px"; box.style.top = rect.y + "px";
    box.style.width = rect.w + "px"; box.style.height = h + "px";
    field.value = [rect.x * s, rect.y * s, rect.w * s, h * s].map(Math.round).join(",");
  }
  function reset() {
    var W = img.clientWidth, H = img.clientHeight;
    rect.w = Math.min(W, H * RATIO) * 0.8;
    rect.x = (W - rect.w) / 2; rect.y = (H - rect.w / RATIO) / 2;
    draw();
  }
  function show(file) {
    if (!file || !/^image\//.test(file.type)) { area.hidden = true; field.value = ""; return; }
    img.onload = function () { area.hidden = false; reset(); };
    img.src = URL.createObjectURL(file);
  }
  input.addEventListener("change", function () { show(input.files[0]); });

  var drag = null;
  function point(e) { var t = e.touches ? e.touches[0] : e; return { x: t.clientX, y: t.clientY }; }
  function start(mode) {
    return function (e) {
      e.preventDefault(); e.stopPropagation();
      var p = point(e);
      drag = { mode: mode, x: p.x, y: p.y, r: { x: rect.x, y: rect.y, w: rect.w } };
    };
  }
  function move(e) {
    if (!drag) { return; }
    e.preventDefault();
    var p = point(e), dx = p.x - drag.x, dy = p.y - drag.y;
    if (drag.mode === "move") { rect.x = drag.r.x + dx; rect.y = drag.r.y + dy; }
    else { rect.w = drag.r.w + Math.max(dx, dy * RATIO); }
    draw();
  }
  box.addEventListener("mousedown", start("move"));
  box.addEventListener("touchstart", start("move"));
  handle.addEventListener("mousedown", start("resize"));
  handle.addEventListener("touchstart", start("resize"));
  document.addEventListener("mousemove", move);
  document.addEventListener("touchmove", move, { passive: false });
  document.addEventListener("mouseup", function () { drag = null; });
  document.addEventListener("touchend", function () { drag = null; });
  window.addEventListener("resize", function () { if (!area.hidden) { reset(); } });

  // Camera (desktop webcams; phones use the file input's capture attribute).
  var camera = document.querySelector(".sirhp-camera");
  if (camera && navigator.mediaDevices && navigator.mediaDevices.getUserMedia && window.DataTransfer) {
    camera.hidden = false;
    var video = document.getElementById("camera-video");
    var shoot = document.getElementById("camera-shoot");
    document.getElementById("camera-start").addEventListener("click", function () {
      navigator.mediaDevices.getUserMedia({ video: { width: 1280, height: 960 } }).then(function (stream) {
        video.srcObject = stream; video.hidden = false; shoot.hidden = false;
      }).catch(function () { camera.hidden = true; });
    });
    shoot.addEventListener("click", function () {
      var canvas = document.createElement("canvas");
      canvas.width = video.videoWidth; canvas.height = video.videoHeight;
      canvas.getContext("2d").drawImage(video, 0, 0);
      canvas.toBlob(function (blob) {
        var file = new File([blob], "camera.jpg", { type: "image/jpeg" });
        var transfer = new DataTransfer(); transfer.items.add(file);
        input.files = transfer.files;
        video.srcObject.getTracks().forEach(function (t) { t.stop(); });
        video.hidden = true; shoot.hidden = true;
        show(file);
      }, "image/jpeg", 0.92);
    });
  }
})();
