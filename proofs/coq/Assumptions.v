(* Prints the axioms each main theorem depends on (expected: only the standard
   axioms of the Coq real numbers library). *)
Require Import Symdln.Recursion Symdln.Thm3Upper Symdln.Thm3Sigma0 Symdln.Thm3Lower Symdln.Cor3.

Print Assumptions recursion_product.
Print Assumptions printed_recursion_differs.
Print Assumptions printed_step_not_product.
Print Assumptions thm3_upper_corrected.
Print Assumptions thm3_upper_sharp.
Print Assumptions thm3_upper_iff.
Print Assumptions thm3_lower_below.
Print Assumptions thm3_lower_above.
Print Assumptions thm3_lower_corrected.
Print Assumptions thm3_sigma0_corrected.
Print Assumptions thm3_sigma0_sharp.
Print Assumptions thm3_sigma0_iff.
Print Assumptions cor3_order.
Print Assumptions threshold_above.
Print Assumptions threshold_below.
Print Assumptions cor3_sharp_sufficient.
Print Assumptions cor3_own_time.
Print Assumptions mode_sigma0_vanishes.
