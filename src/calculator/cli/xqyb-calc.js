#!/usr/bin/env node
// xqyb-calc: county staff CLI for the shared calculator (validate, quote, settle, settle --batch).
require('tsx/cjs')
require('./main.ts').main()
