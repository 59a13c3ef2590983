#!/usr/bin/env node
// The `tally` command. Plain CommonJS with no modern syntax so that an old Node can parse it
// and print one clear line instead of a stack trace.
'use strict';
var parts = process.versions.node.split('.').map(Number);
var major = parts[0];
var minor = parts[1];
if (major < 22 || (major === 22 && minor < 19)) {
  console.error(
    'tally: Node.js 22.19 or newer is required (found ' + process.version + '); install Node 22 LTS and run again.'
  );
  process.exit(2);
}
if (process.argv[2] === '--check-node') process.exit(0);

var path = require('node:path');
var url = require('node:url');
import('tsx/esm/api')
  .then(function (tsx) {
    tsx.register();
    return import(url.pathToFileURL(path.join(__dirname, 'main.ts')).href);
  })
  .then(function (cli) {
    return cli.main(process.argv.slice(2));
  })
  .then(function (code) {
    if (typeof code === 'number') process.exitCode = code;
  })
  .catch(function (error) {
    console.error('tally: ' + (error && error.stack ? error.stack : error));
    process.exitCode = 1;
  });
