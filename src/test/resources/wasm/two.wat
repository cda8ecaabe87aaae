;; Runs on two imported memories (multi-memory): a call that stores in both, for the tests that a
;; call on several stored memories is one linearizable operation on all of them.
(module
  (import "env" "a" (memory $a 1))
  (import "env" "b" (memory $b 1))
  (func (export "store_both") (param $at i32) (param $value i64)
    (i64.store $a (local.get $at) (local.get $value))
    (i64.store $b (local.get $at) (local.get $value)))
  (func (export "load_a") (param $at i32) (result i64) (i64.load $a (local.get $at)))
  (func (export "load_b") (param $at i32) (result i64) (i64.load $b (local.get $at)))
)
