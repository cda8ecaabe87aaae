;; Defines its own memory, written by a data segment and by its start function.
(module
  (memory (export "mem") 1 4)
  (data (i32.const 16) "hello")
  (data $later "passive")
  (global $starts (export "starts") (mut i32) (i32.const 0))
  (func $start
    (global.set $starts (i32.add (global.get $starts) (i32.const 1)))
    (i32.store8 (i32.const 0) (i32.add (i32.load8_u (i32.const 0)) (i32.const 1))))
  (start $start)
  (func (export "init") (param i32) (memory.init $later (local.get 0) (i32.const 0) (i32.const 7)))
  (func (export "drop") (data.drop $later))
  (func (export "bump") (global.set $starts (i32.add (global.get $starts) (i32.const 10))))
  (func (export "byte") (param i32) (result i32) (i32.load8_u (local.get 0)))
)
